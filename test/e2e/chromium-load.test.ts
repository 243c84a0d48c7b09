/**
 * Issue #13, load: a burst of requests with DevTools open loses no recorded span, and 100,000
 * spans reach a receiver that fails every third request. What each test kept is recorded as a
 * figure for RELIABILITY.md.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bundleHarness } from '../support/bundle';
import { launchChromium, type ChromiumSession } from '../support/chromium';
import {
  exportEnded,
  exportStatus,
  quietExtensionPage,
  runExport,
} from '../support/export-control';
import { applyConfig, exportSettings, testConfig } from '../support/extension-config';
import { openRecordedPage } from '../support/extension-state';
import { startOtlpBackend, type Answer, type OtlpBackend } from '../support/otlp-backend';
import { poll } from '../support/poll';
import type { LeftSpan } from '../support/export-left';
import { storedSpans } from '../support/stored-spans';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { STATUS_ERROR } from '../../src/core/span/model';
import { HOST_NAMES, startTraceServers, type TraceServers } from '../support/trace-servers';

const BURST = 5000;
const BURST_MS = 10_000;
const EXPORTED = 100_000;

describe('Chromium under load', () => {
  let browser: ChromiumSession;
  let servers: TraceServers;
  let backend: OtlpBackend;
  let page: Page;

  beforeAll(async () => {
    servers = await startTraceServers();
    backend = await startOtlpBackend();
    browser = await launchChromium({ devtools: true, loopbackHosts: HOST_NAMES });
    await applyConfig(
      browser.worker,
      testConfig({
        export: exportSettings(backend.tracesUrl),
        recording: { ...DEFAULT_CONFIG.recording, maxSpans: 2 * EXPORTED + 2 * BURST },
      }),
    );
    page = await openRecordedPage(browser, servers.url('app', '/'));
  });
  afterAll(async () => {
    await browser.close();
    await backend.close();
    await servers.close();
  });

  test(`${String(BURST)} requests in ${String(BURST_MS / 1000)} s with DevTools open: every one is recorded`, async ({
    annotate,
  }) => {
    // Evenly spread, not awaited: the page does not wait for one response to send the next.
    const refused = await page.evaluate(
      async ([echo, count, ms]) => {
        const waves = 100;
        const perWave = count / waves;
        const sent: Promise<boolean>[] = [];
        for (let wave = 0; wave < waves; wave++) {
          for (let i = 0; i < perWave; i++) {
            const n = wave * perWave + i;
            sent.push(
              fetch(`${echo}?load=${String(n)}`).then(
                (r) => r.text().then(() => true),
                () => false,
              ),
            );
          }
          await new Promise((resolve) => setTimeout(resolve, ms / waves));
        }
        return (await Promise.all(sent)).filter((ok) => !ok).length;
      },
      [servers.url('app', '/echo'), BURST, BURST_MS] as const,
    );
    const reached = servers.received('app', '/echo').filter((r) => r.path.includes('load='));
    const loadSpans = await poll(
      async () => {
        const spans = (await storedSpans(browser.worker)).filter((s) =>
          /[?&]load=\d+/.test(String(s.attributes['url.full'])),
        );
        return spans.length >= BURST ? spans : undefined;
      },
      { what: `${String(BURST)} recorded load spans`, timeoutMs: 90_000 },
    );
    const byUrl = new Set(loadSpans.map((s) => new URL(String(s.attributes['url.full'])).search));
    // Every request that reached the server has its span; refused ones (Chromium's own limit on
    // outstanding requests) are recorded too, as errors, and counted apart.
    for (const request of reached)
      expect(byUrl.has(new URL(request.path, 'http://x').search)).toBe(true);
    expect(byUrl.size).toBe(BURST);
    const errors = loadSpans.filter((s) => s.status.code === STATUS_ERROR).length;
    expect(errors).toBeGreaterThanOrEqual(refused);
    await annotate(
      `${String(BURST)} fetches: ${String(reached.length)} reached the server, ${String(refused)} refused by Chromium; ${String(byUrl.size)} recorded (${String(errors)} as errors)`,
      'figure',
    );
  });

  test(`${String(EXPORTED)} spans to a receiver that fails every third request: every span arrives`, async ({
    annotate,
  }) => {
    const quiet = await quietExtensionPage(browser);
    await quiet.evaluate(await bundleHarness('test/support/seed-spans.ts', 'seeding'));
    await quiet.evaluate(`seeding.seed(${String(EXPORTED)}, 9, 1000000)`);
    // The seeded ids, from the same deterministic generator: reading 100,000 stored spans back
    // through the worker would cost more than the export.
    const expected = await quiet.evaluate<string[]>(
      `seeding.seedSpans(${String(EXPORTED)}, 9, 1000000).map((s) => s.spanId)`,
    );
    expect(expected.length).toBeGreaterThanOrEqual(EXPORTED);
    expect((await exportStatus(quiet)).unexported).toBeGreaterThanOrEqual(expected.length);
    backend.clear();
    // A retryable failure with Retry-After: 0, so the retries cost no waiting here.
    const failure: Answer = { kind: 'status', status: 503, headers: { 'retry-after': '0' } };
    const pattern: Answer[] = [];
    for (let i = 0; i < 3 * Math.ceil(expected.length / 1000) + 30; i++)
      pattern.push(i % 3 === 2 ? failure : { kind: 'accept' });
    backend.answer(...pattern);

    const since = Date.now();
    await runExport(quiet);
    const status = await exportEnded(quiet, since, 300_000);
    expect(status.last).toMatchObject({ ok: true });
    const received = new Set(backend.spans.map((s) => s.spanId));
    expect(expected.filter((id) => !received.has(id))).toEqual([]);
    // Nothing is left, so nothing was recorded meanwhile: DevTools is open on the quiet
    // extension page too, and sees the exports, but records nothing on the extension's own pages.
    await quiet.evaluate(await bundleHarness('test/support/export-left.ts'));
    expect(await quiet.evaluate<LeftSpan[]>('exportLeft.unexported()')).toEqual([]);
    expect(status.unexported).toBe(0);
    const failed = backend.requests.filter((r) => r.answer === 503).length;
    const twice = backend.spans.length - received.size;
    await annotate(
      `${String(expected.length)} spans, ${String(backend.requests.length)} requests of which ${String(failed)} failed with 503: all ${String(received.size)} arrived, ${String(twice)} twice`,
      'figure',
    );
    await quiet.close();
  });
});
