/**
 * OTLP export, end to end in Chromium: the page's requests are recorded with DevTools open, the
 * user presses Export, and a real OTLP receiver (test/support/otlp-backend.ts, decoding with the
 * official protos) holds the browser spans and the API's SERVER spans, which the OpenTelemetry
 * Node SDK exported, in one trace, the browser span being the server span's parent.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApiService, type ApiService } from '../support/api-service';
import { launchChromium, openPopup, type ChromiumSession } from '../support/chromium';
import { applyConfig, exportSettings, testConfig } from '../support/extension-config';
import { pageViewOf, reloadOnceRecording, tabIdOf } from '../support/extension-state';
import { exportEnded, runExport } from '../support/export-control';
import { startOtlpBackend, type OtlpBackend, type ReceivedSpan } from '../support/otlp-backend';
import { poll } from '../support/poll';
import { traceparentFields } from '../support/propagation-check';
import { storedSpans } from '../support/stored-spans';
import { HOST_NAMES, startTraceServers, type TraceServers } from '../support/trace-servers';

const PAGE_EVENTS = ['fetchStart', 'requestStart', 'responseStart', 'responseEnd'];

describe('Chromium: export to an OTLP receiver joins the browser and server spans', () => {
  let browser: ChromiumSession;
  let servers: TraceServers;
  let backend: OtlpBackend;
  let api: ApiService;
  let page: Page;
  let tabId: number;
  let apiPort: string;

  const config = (exportOverrides: Record<string, unknown> = {}) =>
    testConfig({
      targets: [
        { match: 'http://api-page.test:*', mode: 'page' },
        { match: 'http://api-net.test:*', mode: 'network' },
      ],
      export: exportSettings(backend.tracesUrl, exportOverrides),
    });

  /** Fetches `path` from the API under `host`; resolves with the traceparent the API saw. */
  const callApi = (host: 'api-page.test' | 'api-net.test', path: string) =>
    page.evaluate(async (url) => {
      const response = await fetch(url);
      const body = (await response.json()) as { traceparent?: string | null };
      return body.traceparent ?? undefined;
    }, `http://${host}:${apiPort}${path}`);

  /** The stored CLIENT span of the request whose URL contains `marker`, once recorded. */
  const recorded = (marker: string) =>
    poll(
      async () =>
        (await storedSpans(browser.worker)).find(
          (s) =>
            s.kind === 3 &&
            s.attributes['http.request.method'] !== 'OPTIONS' &&
            String(s.attributes['url.full']).includes(marker),
        ),
      { what: `the recorded span of ${marker}` },
    );

  const serverSpanOf = (traceId: string) =>
    backend
      .waitForSpans(
        (s) => s.traceId === traceId && s.kind === 'SPAN_KIND_SERVER',
        1,
        `SERVER span of ${traceId}`,
      )
      .then((found) => found[0] as ReceivedSpan);

  const exportFromPopup = async () => {
    const popup = await openPopup(browser, tabId);
    const since = Date.now();
    await popup.getByRole('button', { name: /^Export/ }).click();
    const status = await exportEnded(popup, since);
    return { popup, status };
  };

  beforeAll(async () => {
    backend = await startOtlpBackend();
    servers = await startTraceServers();
    api = await startApiService({
      otlpUrl: backend.url,
      allowOrigin: servers.url('app').replace(/\/$/, ''),
    });
    apiPort = new URL(api.origin).port;
    browser = await launchChromium({
      devtools: true,
      loopbackHosts: [...HOST_NAMES, 'api-page.test', 'api-net.test'],
    });
    await applyConfig(browser.worker, config());
    page = await browser.context.newPage();
    await page.goto(servers.url('app', '/'));
    tabId = await tabIdOf(browser.worker, page.url());
    await reloadOnceRecording(browser.worker, page, tabId);
  });
  afterAll(async () => {
    await browser.close();
    await api.close();
    await servers.close();
    await backend.close();
  });

  test('page mode, OTLP/JSON: the server span is a child of the browser CLIENT span', async () => {
    const sent = traceparentFields(await callApi('api-page.test', '/api/users/7?e2e=page'));
    expect(sent).not.toBeNull();
    await callApi('api-page.test', '/api/nothing?e2e=missing');
    const client = await recorded('e2e=page');
    await recorded('e2e=missing');
    expect(client.spanId).toBe(sent?.spanId);

    const { popup, status } = await exportFromPopup();
    expect(status.last).toMatchObject({ ok: true, rejected: 0 });
    expect(status.last.message).toMatch(/^Exported \d+ spans to 127\.0\.0\.1:\d+\.$/);
    expect(status.unexported).toBe(0);
    await popup
      .getByRole('status')
      .filter({ hasText: /Exported \d+ spans/ })
      .waitFor();

    const server = await serverSpanOf(client.traceId);
    const [browserSpan] = backend.spans.filter((s) => s.spanId === client.spanId);
    expect(server.parentSpanId).toBe(browserSpan?.spanId);
    expect(server.service).toBe('demo-api');
    expect(browserSpan).toMatchObject({
      service: 'shop-frontend',
      traceId: client.traceId,
      kind: 'SPAN_KIND_CLIENT',
      name: client.name,
      scope: { name: 'Trace Capture', version: '0.1.0' },
      attributes: {
        'http.request.method': 'GET',
        'http.response.status_code': 200,
        'server.address': 'api-page.test',
        'server.port': Number(apiPort),
        'url.full': `http://api-page.test:${apiPort}/api/users/7?e2e=page`,
      },
    });
    expect(browserSpan?.name).toMatch(/^GET /);
    expect(browserSpan?.status?.code ?? 'STATUS_CODE_UNSET').toBe('STATUS_CODE_UNSET');
    expect(browserSpan?.events?.map((e) => e.name)).toEqual(expect.arrayContaining(PAGE_EVENTS));
    // Nanoseconds as the spec has them: the server's span sits inside the browser's.
    expect(BigInt(server.startTimeUnixNano)).toBeGreaterThanOrEqual(
      BigInt(browserSpan?.startTimeUnixNano ?? '0') - 50_000_000n,
    );
    expect(browserSpan?.resource).toMatchObject({
      'service.name': 'shop-frontend',
      'telemetry.sdk.name': 'trace-capture',
      'telemetry.sdk.language': 'webjs',
      'telemetry.sdk.version': '0.1.0',
      'browser.platform': 'Linux',
      'browser.mobile': false,
      'deployment.environment.name': 'e2e',
    });
    const resource = browserSpan?.resource ?? {};
    expect(String(resource['user_agent.original'])).toContain('Chrome/');
    expect(resource['browser.brands']).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Chromium \d+$/)]),
    );
    expect(typeof resource['browser.language']).toBe('string');

    // A 404 from the API is an error on the CLIENT span (semantic conventions: 4xx on clients).
    const missing = backend.spans.find(
      (s) =>
        String(s.attributes?.['url.full']).includes('e2e=missing') &&
        s.attributes?.['http.request.method'] === 'GET',
    );
    expect(missing).toMatchObject({
      kind: 'SPAN_KIND_CLIENT',
      status: { code: 'STATUS_CODE_ERROR' },
    });

    // The export headers reached the backend (the API's exporter sends none), as plain JSON.
    const ours = backend.requests.filter((r) => r.headers.authorization !== undefined);
    expect(ours.length).toBeGreaterThan(0);
    for (const request of ours) {
      expect(request).toMatchObject({
        contentType: 'application/json',
        contentEncoding: null,
        decodeError: null,
      });
      expect(request.headers.authorization).toBe('Bearer e2e-token');
    }

    // Marked exported in the store, as the panel shows it.
    const stored = await storedSpans(browser.worker);
    expect(stored.filter((s) => s.exported === 0)).toEqual([]);
    await popup.close();
  });

  test('network mode, OTLP/protobuf with gzip: the server span is a child of the page-view span', async () => {
    await applyConfig(browser.worker, config({ protocol: 'protobuf', compression: 'gzip' }));
    backend.clear();
    const view = await pageViewOf(browser.worker, tabId);
    expect(view).not.toBeNull();
    const sent = traceparentFields(await callApi('api-net.test', '/api/users/8?e2e=network'));
    expect(sent).toMatchObject({ traceId: view?.traceId, spanId: view?.spanId });
    const client = await recorded('e2e=network');
    // The page-view span is stored (and widened) as requests arrive.
    await poll(
      async () =>
        (await storedSpans(browser.worker)).find((s) => s.spanId === view?.spanId && s.kind === 1),
      { what: 'the stored page-view span' },
    );

    const { popup, status } = await exportFromPopup();
    expect(status.last).toMatchObject({ ok: true });
    await popup.close();

    const server = await serverSpanOf(client.traceId);
    const pageView = backend.spans.find((s) => s.spanId === view?.spanId);
    expect(pageView).toMatchObject({ kind: 'SPAN_KIND_INTERNAL', traceId: view?.traceId });
    expect(server.parentSpanId).toBe(pageView?.spanId);
    // The browser CLIENT span is the page view's child too: the server's sibling.
    const browserSpan = backend.spans.find((s) => s.spanId === client.spanId);
    expect(browserSpan).toMatchObject({ kind: 'SPAN_KIND_CLIENT', parentSpanId: view?.spanId });

    const requests = backend.requests.filter(
      (r) => r.spans > 0 && r.contentType === 'application/x-protobuf',
    );
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((r) => r.contentEncoding === 'gzip' && r.decodeError === null)).toBe(
      true,
    );
  });

  test('an export right after another sends nothing twice', async () => {
    const quiet = await browser.context.newPage();
    await quiet.goto(`chrome-extension://${browser.extensionId}/src/assets/icon-128.png`);
    let since = Date.now();
    await runExport(quiet); // whatever the recorder stored since (a widened page-view span)
    await exportEnded(quiet, since);
    const before = backend.spans.length;
    since = Date.now();
    await runExport(quiet);
    const status = await exportEnded(quiet, since);
    expect(status.last.message).toBe('Nothing to export: every span was exported already.');
    expect(status.unexported).toBe(0);
    expect(backend.spans.length).toBe(before);
    await quiet.close();
  });

  test('the panel exports the selected trace alone, and its rows then show they were exported', async () => {
    await callApi('api-page.test', '/api/users/9?e2e=panel-one');
    await callApi('api-page.test', '/api/users/10?e2e=panel-two');
    const one = await recorded('e2e=panel-one');
    const two = await recorded('e2e=panel-two');
    backend.clear();
    const panel = await browser.context.newPage();
    await panel.goto(`chrome-extension://${browser.extensionId}/devtools/panel.html`);
    await panel.getByRole('searchbox', { name: /Filter/ }).fill('url:e2e=panel-one');
    const row = panel.locator('.tbody [role="row"]').filter({ hasText: 'GET' }).first();
    await row.click();
    await panel.getByRole('button', { name: 'Export trace' }).click();
    const status = panel.getByRole('status', { name: 'Export status' });
    await status.filter({ hasText: /Exported \d+ spans? to 127\.0\.0\.1/ }).waitFor();
    await backend.waitForSpans((s) => s.spanId === one.spanId, 1, 'the selected trace');
    expect(
      backend.spans.filter((s) => s.service === 'shop-frontend' && s.traceId !== one.traceId),
    ).toEqual([]);
    await row.getByRole('img', { name: 'exported', exact: true }).waitFor();

    // Then everything else: the other trace's span goes, the selected one does not go again.
    await panel.getByRole('button', { name: /^Export \d+ spans?$/ }).click();
    await backend.waitForSpans((s) => s.spanId === two.spanId, 1, 'the rest');
    expect(backend.spans.filter((s) => s.spanId === one.spanId)).toHaveLength(1);
    await status.filter({ hasText: /Exported \d+ spans? to/ }).waitFor();
    await panel.close();
  });
});
