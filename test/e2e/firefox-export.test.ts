/**
 * OTLP export from Firefox's background (an event page, not a service worker): requests recorded
 * with DevTools open reach a real OTLP receiver, the popup's Export button sends them, and the
 * API's SERVER span is the child of the browser CLIENT span, whose id Firefox's webRequest
 * listener put in `traceparent`.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ExportStatus } from '../../src/shared/messages';
import { startApiService, type ApiService } from '../support/api-service';
import { exportSettings, testConfig } from '../support/extension-config';
import { launchFirefox, type FirefoxSession } from '../support/firefox';
import { evaluateIn, openDevtools, openExtensionTab } from '../support/firefox-chrome';
import { startOtlpBackend, type OtlpBackend } from '../support/otlp-backend';
import { poll } from '../support/poll';
import { traceparentFields } from '../support/propagation-check';
import { HOST_NAMES, startTraceServers, type TraceServers } from '../support/trace-servers';

describe('Firefox: export from the background to an OTLP receiver', () => {
  let firefox: FirefoxSession;
  let servers: TraceServers;
  let backend: OtlpBackend;
  let api: ApiService;
  let page: Page;
  let popup: string;
  let apiPort: string;

  const status = () =>
    evaluateIn<ExportStatus>(
      firefox.browser,
      popup,
      `browser.runtime.sendMessage({ protocol: 1, name: 'export/status', payload: null }).then((r) => r.value)`,
    );
  const callApi = (path: string) =>
    page.evaluate(async (url) => {
      const response = await fetch(url);
      return ((await response.json()) as { traceparent?: string | null }).traceparent ?? undefined;
    }, `http://api-page.test:${apiPort}${path}`);

  beforeAll(async () => {
    backend = await startOtlpBackend();
    servers = await startTraceServers();
    api = await startApiService({
      otlpUrl: backend.url,
      allowOrigin: servers.url('app').replace(/\/$/, ''),
    });
    apiPort = new URL(api.origin).port;
    firefox = await launchFirefox({
      storage: {
        config: testConfig({
          targets: [{ match: 'http://api-page.test:*', mode: 'page' }],
          export: exportSettings(backend.tracesUrl, { protocol: 'protobuf', compression: 'gzip' }),
        }),
      },
      loopbackHosts: [...HOST_NAMES, 'api-page.test'],
      privileged: true,
    });
    page = await firefox.browser.newPage();
    await page.goto(servers.url('app', '/'));
    await openDevtools(firefox.browser, 'app.test');
    popup = await openExtensionTab(firefox.browser, 'popup/index.html');
  });
  afterAll(async () => {
    await firefox.close();
    await api.close();
    await servers.close();
    await backend.close();
  });

  test('the popup exports; the server span is the child of the browser CLIENT span', async () => {
    // DevTools' recorder starts a moment after the toolbox: request until one is stored.
    await poll(
      async () => {
        await page.evaluate(
          (url) => fetch(url).then((r) => r.text()),
          servers.url('app', '/echo?warm=1'),
        );
        return (await status()).unexported > 0 || undefined;
      },
      { what: 'the first recorded request' },
    );
    const sent = traceparentFields(await callApi('/api/users/5?e2e=firefox'));
    expect(sent).not.toBeNull();
    const server = await backend.waitForSpans(
      (s) => s.kind === 'SPAN_KIND_SERVER' && s.traceId === sent?.traceId,
      1,
      'the API server span',
    );

    // Press Export until the recorder has stored the API request's span and it is sent.
    const browserSpan = await poll(
      async () => {
        await evaluateIn<null>(
          firefox.browser,
          popup,
          `(() => {
            const button = [...document.querySelectorAll('button')].find((b) => b.textContent.startsWith('Export'));
            if (button && !button.disabled) button.click();
            return null;
          })()`,
        );
        return backend.spans.find((s) => s.spanId === sent?.spanId);
      },
      { what: 'the browser span at the receiver', timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(server[0]?.parentSpanId).toBe(browserSpan.spanId);
    expect(browserSpan).toMatchObject({
      service: 'shop-frontend',
      kind: 'SPAN_KIND_CLIENT',
      traceId: sent?.traceId,
      scope: { name: 'Trace Capture', version: '0.1.0' },
      attributes: {
        'http.request.method': 'GET',
        'http.response.status_code': 200,
        'server.address': 'api-page.test',
      },
    });
    expect(browserSpan.name).toMatch(/^GET /);
    const resource = browserSpan.resource;
    expect(resource['telemetry.sdk.name']).toBe('trace-capture');
    expect(String(resource['user_agent.original'])).toContain('Firefox/');
    expect(typeof resource['browser.language']).toBe('string');
    // Firefox has no navigator.userAgentData, and navigator.platform is never used instead.
    expect(resource['browser.brands']).toBeUndefined();
    expect(resource['browser.platform']).toBeUndefined();
    const ours = backend.requests.filter((r) => r.headers.authorization === 'Bearer e2e-token');
    expect(ours.length).toBeGreaterThan(0);
    expect(
      ours.every(
        (r) =>
          r.contentType === 'application/x-protobuf' &&
          r.contentEncoding === 'gzip' &&
          r.decodeError === null,
      ),
    ).toBe(true);

    const last = await poll(
      async () => {
        const s = await status();
        return s.running ? undefined : s.last;
      },
      { what: 'the export to end' },
    );
    expect(last).toMatchObject({ ok: true });
    // The popup polls the status: its last-export line follows.
    await poll(
      async () => {
        const text = await evaluateIn<string>(
          firefox.browser,
          popup,
          `document.querySelector('[aria-label="Last export"]')?.textContent ?? ''`,
        );
        return /Exported \d+ spans? to 127\.0\.0\.1/.test(text) || undefined;
      },
      { what: "the popup's last export line" },
    );
  });

  test('a 503 with Retry-After: 1 is retried after a second, then a 400 is reported', async () => {
    const run = () =>
      evaluateIn<ExportStatus>(
        firefox.browser,
        popup,
        `browser.runtime.sendMessage({ protocol: 1, name: 'export/run', payload: {} }).then((r) => r.value)`,
      );
    const ended = (since: number) =>
      poll(
        async () => {
          const s = await status();
          return !s.running && s.last !== null && s.last.at >= since ? s.last : undefined;
        },
        { what: 'the export to end' },
      );
    const unexportedAfter = async (path: string) => {
      const before = (await status()).unexported;
      await callApi(path);
      await poll(async () => ((await status()).unexported > before ? true : undefined), {
        what: `the span of ${path}`,
      });
    };

    await unexportedAfter('/api/users/6?e2e=retry');
    backend.clear();
    backend.answer({ kind: 'status', status: 503, headers: { 'retry-after': '1' } });
    let since = Date.now();
    await run();
    expect(await ended(since)).toMatchObject({ ok: true });
    const ours = backend.requests.filter((r) => r.headers.authorization !== undefined);
    expect(ours.map((r) => r.answer)).toEqual([503, 200]);
    expect((ours[1]?.at ?? 0) - (ours[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);

    await unexportedAfter('/api/users/7?e2e=refused');
    backend.clear();
    backend.answer({
      kind: 'status',
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: '{"code":3,"message":"unknown tenant"}',
    });
    since = Date.now();
    await run();
    const refused = await ended(since);
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain('400 from the backend');
    expect(refused.message).toContain('unknown tenant');
    expect(backend.requests.filter((r) => r.headers.authorization !== undefined)).toHaveLength(1);
    expect((await status()).unexported).toBeGreaterThan(0);
  });
});
