/**
 * Issue #13, faults of the connection itself: a receiver slower than the exporter's timeout,
 * and one that closes the connection halfway through its answer. In both the spans may have
 * arrived, so the exporter must retry (sending some twice) rather than lose or drop any.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bundleHarness } from '../support/bundle';
import { launchChromium, type ChromiumSession } from '../support/chromium';
import { applyConfig, exportSettings, testConfig } from '../support/extension-config';
import { exportEnded, quietExtensionPage, runExport } from '../support/export-control';
import { startOtlpBackend, type Answer, type OtlpBackend } from '../support/otlp-backend';

describe('Chromium: the receiver is slow or cuts the connection', () => {
  let browser: ChromiumSession;
  let backend: OtlpBackend;
  let page: Page;
  let next = 0;

  /** Seeds `count` spans with new ids; resolves with their span ids. */
  const seed = async (count: number): Promise<string[]> => {
    const first = next;
    next += count;
    await page.evaluate(`seeding.seed(${String(count)}, 5, ${String(first)})`);
    return page.evaluate<string[]>(
      `seeding.seedSpans(${String(count)}, 5, ${String(first)}).map((s) => s.spanId)`,
    );
  };

  /** Exports everything with `answers` queued; the outcome, and what arrived how often. */
  const exportWith = async (...answers: Answer[]) => {
    backend.clear();
    backend.answer(...answers);
    const since = Date.now();
    await runExport(page);
    const status = await exportEnded(page, since, 120_000);
    const counts = new Map<string, number>();
    for (const s of backend.spans) counts.set(s.spanId, (counts.get(s.spanId) ?? 0) + 1);
    return { status, counts };
  };

  beforeAll(async () => {
    backend = await startOtlpBackend();
    browser = await launchChromium();
    page = await quietExtensionPage(browser);
    await page.evaluate(await bundleHarness('test/support/seed-spans.ts', 'seeding'));
    await applyConfig(browser.worker, testConfig({ export: exportSettings(backend.tracesUrl) }));
  });
  afterAll(async () => {
    await browser.close();
    await backend.close();
  });

  test('slower than the timeout: the request is given up, retried, and every span arrives', async ({
    annotate,
  }) => {
    const ids = await seed(50);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // The first request is never answered while the export runs: only the exporter's own
    // timeout (10 s) can end it.
    const started = Date.now();
    const { status, counts } = await exportWith({ kind: 'hold', release: held });
    const tookMs = Date.now() - started;
    release();
    expect(status.last).toMatchObject({ ok: true, sent: ids.length });
    expect(status.unexported).toBe(0);
    expect(ids.filter((id) => !counts.has(id))).toEqual([]);
    expect(backend.requests.length).toBeGreaterThanOrEqual(2);
    const twice = ids.filter((id) => counts.get(id) === 2).length;
    await annotate(
      `${String(ids.length)} spans, first request never answered: given up and retried, all arrived (${String(twice)} twice) in ${String(backend.requests.length)} requests, ${(tookMs / 1000).toFixed(1)} s`,
      'figure',
    );
  });

  test('the connection closed mid-answer: retried, every span arrives, the exporter goes on', async ({
    annotate,
  }) => {
    const ids = await seed(50);
    const { status, counts } = await exportWith({ kind: 'cut' }, { kind: 'cut' });
    expect(status.last).toMatchObject({ ok: true, sent: ids.length });
    expect(status.unexported).toBe(0);
    expect(ids.filter((id) => !counts.has(id))).toEqual([]);
    expect(backend.requests.map((r) => r.answer)).toEqual([200, 200, 200]);
    const again = await seed(10);
    const after = await exportWith();
    expect(after.status.last).toMatchObject({ ok: true, sent: again.length });
    await annotate(
      `${String(ids.length)} spans, two answers cut after 10 of 1024 bytes: all arrived (${String([...counts.values()].filter((n) => n > 1).length)} more than once), and the next export sent ${String(after.status.last.sent)}`,
      'figure',
    );
  });
});
