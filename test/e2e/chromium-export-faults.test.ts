/**
 * The exporter against a misbehaving backend, in Chromium's real service worker: down, throttling
 * with Retry-After, refusing, partially accepting, answering with huge or garbage bodies, and the
 * worker itself stopped mid-export. The spans come from the seed harness, so each case knows
 * exactly what should arrive, and a lost span shows.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bundleHarness } from '../support/bundle';
import { launchChromium, openPopup, type ChromiumSession } from '../support/chromium';
import { tabIdOf } from '../support/extension-state';
import { applyConfig, exportSettings, testConfig } from '../support/extension-config';
import {
  currentWorker,
  exportEnded,
  exportStatus,
  quietExtensionPage,
  runExport,
  testConnection,
} from '../support/export-control';
import { freePort } from '../support/http-server';
import { startOtlpBackend, type OtlpBackend } from '../support/otlp-backend';
import { poll } from '../support/poll';
import { storedSpans } from '../support/stored-spans';

describe('Chromium: export faults', () => {
  let browser: ChromiumSession;
  let backend: OtlpBackend;
  let page: Page;
  let next = 0;

  /** Seeds spans for `count` more requests, with new ids; resolves with how many were added. */
  const seedMore = async (count: number) => {
    const before = (await exportStatus(page)).unexported;
    await page.evaluate(`seeding.seed(${String(count)}, 7, ${String(next)})`);
    next += count;
    return (await exportStatus(page)).unexported - before;
  };
  const useEndpoint = async (endpoint: string, overrides: Record<string, unknown> = {}) =>
    applyConfig(
      await currentWorker(browser),
      testConfig({ export: exportSettings(endpoint, overrides) }),
    );
  const exportAll = async () => {
    const since = Date.now();
    await runExport(page);
    return exportEnded(page, since, 60_000);
  };
  const receivedIds = () => new Set(backend.spans.map((s) => s.spanId));

  beforeAll(async () => {
    backend = await startOtlpBackend();
    browser = await launchChromium();
    page = await quietExtensionPage(browser);
    await page.evaluate(await bundleHarness('test/support/seed-spans.ts', 'seeding'));
    await useEndpoint(backend.tracesUrl);
  });
  afterAll(async () => {
    await browser.close();
    await backend.close();
  });

  test('Test connection says in words what answered', async () => {
    const answered = await testConnection(page);
    expect(answered.ok).toBe(true);
    expect(answered.message).toMatch(/^127\.0\.0\.1:\d+ accepted an empty export \(200\)/);
    expect(backend.requests.at(-1)).toMatchObject({ spans: 0, decodeError: null });

    backend.answer({
      kind: 'status',
      status: 401,
      headers: { 'content-type': 'application/json' },
      body: '{"code":16,"message":"missing API key"}',
    });
    const refused = await testConnection(page);
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain('401 from the backend: check the export headers');
    expect(refused.message).toContain('missing API key');

    const closed = await freePort();
    await useEndpoint(`http://127.0.0.1:${String(closed)}/v1/traces`);
    const down = await testConnection(page);
    expect(down.ok).toBe(false);
    expect(down.message).toContain(
      `Could not connect to 127.0.0.1:${String(closed)} (Failed to fetch): is the Collector running there?`,
    );
    expect(down.message).toContain('CORS is not involved');
  });

  test('the receiver is down: the spans stay, the user is told, a later export sends them', async ({
    annotate,
  }) => {
    const closed = await freePort();
    await useEndpoint(`http://127.0.0.1:${String(closed)}/v1/traces`);
    expect(await seedMore(40)).toBeGreaterThanOrEqual(40);
    const before = await exportStatus(page);
    const failed = await exportAll();
    expect(failed.last.ok).toBe(false);
    expect(failed.last.message).toContain(`Could not connect to 127.0.0.1:${String(closed)}`);
    expect(failed.last.message).toContain('the rest stay unexported');
    expect(failed.unexported).toBe(before.unexported);

    await useEndpoint(backend.tracesUrl);
    const sent = await exportAll();
    expect(sent.last).toMatchObject({ ok: true, sent: before.unexported });
    expect(sent.unexported).toBe(0);
    const stored = await storedSpans(await currentWorker(browser));
    const ids = receivedIds();
    expect(stored.filter((s) => !ids.has(s.spanId))).toEqual([]);
    await annotate(
      `${String(before.unexported)} unexported spans kept through the outage; ${String(sent.last.sent)} sent once it was back`,
      'figure',
    );
  });

  test('503 with Retry-After: 1 is retried after at least a second', async () => {
    backend.clear();
    const added = await seedMore(10);
    backend.answer({ kind: 'status', status: 503, headers: { 'retry-after': '1' }, body: 'busy' });
    const status = await exportAll();
    expect(status.last).toMatchObject({ ok: true, sent: added });
    const [first, second] = backend.requests;
    expect(backend.requests.map((r) => r.answer)).toEqual([503, 200]);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(second?.spans).toBe(added);
    expect(first?.spans).toBe(added);
  });

  test('400 is not retried and is reported with the server message', async () => {
    backend.clear();
    const added = await seedMore(10);
    backend.answer({
      kind: 'status',
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 3, message: 'span name must not be empty' }),
    });
    const status = await exportAll();
    expect(backend.requests).toHaveLength(1);
    expect(status.last.ok).toBe(false);
    expect(status.last.message).toContain('400 from the backend');
    expect(status.last.message).toContain('span name must not be empty');
    expect(status.unexported).toBe(added);
  });

  test('a partial success is reported and not retried', async () => {
    backend.clear();
    const left = (await exportStatus(page)).unexported; // the 400's spans, still unexported
    expect(left).toBeGreaterThan(3);
    backend.answer({
      kind: 'partial',
      rejected: 3,
      message: '3 spans were older than the retention',
    });
    const status = await exportAll();
    expect(backend.requests).toHaveLength(1);
    expect(status.last).toMatchObject({ ok: false, rejected: 3, sent: left });
    expect(status.last.message).toContain(
      'The backend rejected 3 of them: 3 spans were older than the retention',
    );
    expect(status.unexported).toBe(0);
  });

  test('a huge or garbage response body neither hangs nor breaks the exporter', async ({
    annotate,
  }) => {
    backend.clear();
    const first = await seedMore(10);
    // 64 MiB of garbage with a 200: accepted (2xx), the body read only up to 4 MiB.
    backend.answer({ kind: 'garbage', status: 200, bytes: 64 * 1024 * 1024 });
    const accepted = await exportAll();
    expect(accepted.last).toMatchObject({ ok: true, sent: first });

    const second = await seedMore(10);
    // 32 MiB of garbage with a 400: refused, with a short excerpt, not 32 MiB of text.
    backend.answer({ kind: 'garbage', status: 400, bytes: 32 * 1024 * 1024 });
    const refused = await exportAll();
    expect(refused.last.ok).toBe(false);
    expect(refused.last.message).toContain('400 from the backend');
    expect(refused.last.message.length).toBeLessThan(600);
    expect(refused.unexported).toBe(second);

    // The exporter still works afterwards.
    const after = await exportAll();
    expect(after.last).toMatchObject({ ok: true, sent: second });
    await annotate(
      `64 MiB garbage 200: ${String(first)} spans marked exported; 32 MiB garbage 400: ${String(refused.unexported)} kept, message ${String(refused.last.message.length)} characters`,
      'figure',
    );
  });

  test('the service worker stopped mid-export: the export resumes on its own, no span lost', async ({
    annotate,
  }) => {
    backend.clear();
    const added = await seedMore(3500);
    const expected = (await storedSpans(await currentWorker(browser)))
      .filter((s) => s.exported === 0)
      .map((s) => s.spanId);
    expect(expected.length).toBe(added);
    expect(added).toBeGreaterThan(3000); // four batches at least
    let release = () => {};
    backend.answer(
      { kind: 'accept' },
      { kind: 'hold', release: new Promise<void>((resolve) => (release = resolve)) },
    );
    await runExport(page);
    // The second batch is at the backend and its answer held: stop the worker now.
    await poll(() => (backend.requests.length >= 2 ? true : undefined), {
      what: 'the second export request',
    });
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    release();
    // Nothing here talks to the extension: the resume alarm alone brings the worker back.
    const received = await poll(
      () => {
        const ids = receivedIds();
        return expected.every((id) => ids.has(id)) ? ids : undefined;
      },
      { what: 'every seeded span at the receiver after the resume', timeoutMs: 90_000 },
    );
    expect(received.size).toBeGreaterThanOrEqual(added);
    // Duplicates come only from the batch whose answer never arrived.
    expect(backend.spans.length - received.size).toBeLessThanOrEqual(1000);
    const status = await exportEnded(page, 0, 60_000);
    expect(status.unexported).toBe(0);
    expect(status.last).toMatchObject({ ok: true });
    await annotate(
      `${String(added)} spans, worker stopped during batch 2: all ${String(received.size)} arrived, ${String(backend.spans.length - received.size)} twice`,
      'figure',
    );
  });

  test('auto-export: an alarm sends new spans on its own, and turning it off removes the alarm', async () => {
    backend.clear();
    await useEndpoint(backend.tracesUrl, { auto: true, intervalSeconds: 30 });
    const alarm = () =>
      currentWorker(browser).then((w) =>
        w.evaluate(async () => (await chrome.alarms.get('export-auto')) ?? null),
      );
    expect(await alarm()).toMatchObject({ periodInMinutes: 0.5 });
    const added = await seedMore(20);
    const received = await poll(
      () => (backend.spans.length >= added ? backend.spans.length : undefined),
      { what: 'the auto-export at the receiver', timeoutMs: 75_000 },
    );
    expect(received).toBe(added);
    expect((await exportStatus(page)).unexported).toBe(0);

    await useEndpoint(backend.tracesUrl, { auto: false });
    expect(await alarm()).toBeNull();
  });

  test('the popup edits the export settings, refuses bad ones, and tests the saved ones', async () => {
    const tabId = await tabIdOf(await currentWorker(browser), page.url());
    const popup = await openPopup(browser, tabId);
    const endpoint = popup.getByRole('textbox', { name: 'Endpoint' });
    await endpoint.fill('http://localhost:4318');
    await popup
      .getByText(/no path/)
      .first()
      .waitFor();
    expect(await popup.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);

    await endpoint.fill(backend.tracesUrl);
    await popup.getByRole('radio', { name: 'Protobuf' }).check();
    await popup.getByRole('textbox', { name: 'Export headers' }).fill('x-api-key: popup-secret');
    await popup.getByRole('button', { name: 'Save' }).click();
    const worker = await currentWorker(browser);
    await poll(
      async () => {
        const stored = (await worker.evaluate(
          async () => (await chrome.storage.local.get('config'))['config'],
        )) as { export?: { endpoint: string; protocol: string; headers: object } } | undefined;
        const saved = stored?.export;
        return saved?.endpoint === backend.tracesUrl &&
          saved.protocol === 'protobuf' &&
          JSON.stringify(saved.headers) === '{"x-api-key":"popup-secret"}'
          ? true
          : undefined;
      },
      { what: 'the saved export settings' },
    );

    backend.clear();
    await popup.getByRole('button', { name: 'Test connection' }).click();
    await popup
      .getByRole('status', { name: 'Connection test' })
      .filter({ hasText: 'accepted an empty export' })
      .waitFor();
    expect(backend.requests.at(-1)).toMatchObject({
      contentType: 'application/x-protobuf',
      spans: 0,
      decodeError: null,
    });
    expect(backend.requests.at(-1)?.headers['x-api-key']).toBe('popup-secret');
    await popup.close();
  });
});
