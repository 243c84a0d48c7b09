/**
 * The Traces panel in real Chromium: opened as a tab on an IndexedDB seeded with 10,000 spans (as
 * a detached window or a test sees it), and live, while DevTools records a page.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bundleHarness } from '../support/bundle';
import { launchChromium, type ChromiumSession } from '../support/chromium';
import { applyConfig, testConfig } from '../support/extension-config';
import { reloadOnceRecording, tabIdOf } from '../support/extension-state';
import { ROOT } from '../support/paths';
import { storedSpans } from '../support/stored-spans';
import { HOST_NAMES, startTraceServers, type TraceServers } from '../support/trace-servers';

const SEEDED = 10_000;
const ARTIFACTS = join(ROOT, 'test-results');

describe('Chromium: the Traces panel', () => {
  let browser: ChromiumSession;
  let servers: TraceServers;
  let panel: Page;
  let panelUrl: string;

  const counts = () =>
    panel.getByRole('status').filter({ hasText: 'requests' }).first().textContent();
  const filter = () => panel.getByRole('searchbox', { name: /Filter/ });
  const bodyRows = () => panel.locator('.tbody [role="row"]');

  beforeAll(async () => {
    servers = await startTraceServers();
    browser = await launchChromium({ devtools: true, loopbackHosts: HOST_NAMES });
    panelUrl = `chrome-extension://${browser.extensionId}/devtools/panel.html`;
    panel = await browser.context.newPage();
    await panel.setViewportSize({ width: 1280, height: 760 });
    await panel.goto(panelUrl);
    await panel.evaluate(await bundleHarness('test/support/seed-spans.ts', 'seeding'));
    const stored = await panel.evaluate<number>(`seeding.seed(${String(SEEDED)})`);
    expect(stored).toBeGreaterThanOrEqual(SEEDED);
    await panel.reload();
  });
  afterAll(async () => {
    await browser.close();
    await servers.close();
  });

  test('lists every seeded request, with only the rows in view in the DOM', async () => {
    await expect.poll(counts).toMatch(/^10,\d{3} requests$/);
    const rendered = await bodyRows().count();
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(100); // virtualized: 10,000 rows, a screenful in the DOM
    const rowCount = Number(
      await panel.getByRole('grid', { name: 'Requests' }).getAttribute('aria-rowcount'),
    );
    expect(rowCount).toBeGreaterThan(SEEDED);
  });

  test('filters by status:5xx, and names an invalid term instead of showing everything', async () => {
    await filter().fill('status:5xx');
    await expect.poll(counts).toMatch(/^\d+ \/ 10,\d{3} requests$/);
    const statuses = await panel.locator('.tbody .c-status').allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['503']));
    await filter().fill('status:abc');
    await expect
      .poll(() => panel.getByRole('alert').filter({ hasText: 'matches nothing' }).count())
      .toBe(1);
    await expect.poll(counts).toMatch(/^0 \/ /);
    await filter().fill('status:5xx');
  });

  test('the keyboard: / focuses the filter, arrows move, Enter opens the details with the timing', async () => {
    await panel.locator('.tbody').focus();
    await panel.keyboard.press('ArrowDown');
    await panel.keyboard.press('ArrowDown');
    await expect.poll(() => panel.locator('.tbody [aria-selected="true"]').count()).toBe(1);
    await panel.keyboard.press('Enter');
    const detail = panel.getByRole('complementary', { name: 'Span details' });
    await expect
      .poll(() => detail.getByRole('table', { name: 'Timing' }).textContent())
      .toMatch(/Waiting for server response.*Content Download/);
    await expect.poll(() => detail.textContent()).toMatch(/ERROR — HTTP 503/);
    expect(
      await detail.getByRole('link', { name: 'Open in backend' }).getAttribute('href'),
    ).toMatch(/^http:\/\/localhost:16686\/trace\/[0-9a-f]{32}\?uiFind=[0-9a-f]{16}$/);
    await panel.keyboard.press('Escape');
    await expect.poll(() => detail.count()).toBe(0);
    await panel.keyboard.press('/');
    expect(await panel.evaluate(() => document.activeElement?.getAttribute('role'))).toBe(
      'searchbox',
    );
  });

  test('the trace view shows the selected request in its trace, and the summary the RED table', async () => {
    await panel.getByRole('tab', { name: 'Trace' }).click();
    const tree = panel.getByRole('tree');
    await expect.poll(() => tree.getByRole('treeitem').count()).toBeGreaterThan(0);
    expect(await panel.locator('.trace-head').textContent()).toMatch(/\d+ spans/);
    await panel.getByRole('tab', { name: 'Summary' }).click();
    const red = panel.getByRole('table').first();
    await expect.poll(() => red.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await red.textContent()).toMatch(/p95/);
    await panel.getByRole('tab', { name: 'Requests' }).click();
  });

  test('imports a HAR and refuses a broken file with the reason, changing nothing', async () => {
    await filter().fill('');
    const before = Number((await counts())?.replace(/\D/g, ''));
    const fixture = JSON.parse(
      await readFile(join(ROOT, 'test/fixtures/har/fetch-200.json'), 'utf8'),
    ) as { entries: { request: { url: string } }[] };
    const entries = fixture.entries.map((e) => ({
      ...e,
      request: { ...e.request, url: `${e.request.url}?imported=1` },
    }));
    const input = panel.getByLabel('Import a HAR or OTLP JSON file');
    await input.setInputFiles({
      name: 'broken.har',
      mimeType: 'application/json',
      buffer: Buffer.from('{"log": {"entries": 5}}'),
    });
    await expect
      .poll(() => panel.getByRole('alert').textContent())
      .toMatch(/Nothing was imported: broken\.har: log\.entries is not an array/);
    expect(Number((await counts())?.replace(/\D/g, ''))).toBe(before);
    await input.setInputFiles({
      name: 'capture.har',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ log: { version: '1.2', entries } })),
    });
    await expect
      .poll(() => panel.getByRole('status').filter({ hasText: 'Imported' }).textContent())
      .toMatch(new RegExp(`Imported ${String(entries.length)} spans from capture\\.har`));
    await filter().fill('url:imported=1');
    await expect.poll(counts).toMatch(new RegExp(`^${String(entries.length)} / `));
  });

  test('downloads the shown spans as Jaeger JSON that Jaeger UI can upload', async () => {
    const [file] = await Promise.all([
      panel.waitForEvent('download'),
      panel.getByRole('button', { name: 'Download Jaeger JSON' }).click(),
    ]);
    const path = await file.path();
    const upload = JSON.parse(await readFile(path, 'utf8')) as {
      data: { traceID: string; spans: { operationName: string; processID: string }[] }[];
    };
    const spans = upload.data.flatMap((t) => t.spans);
    expect(spans.length).toBeGreaterThan(0);
    expect(spans.every((s) => s.processID === 'p1' && s.operationName.length > 0)).toBe(true);
    await filter().fill('');
  });

  test('light and dark screenshots', async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    await filter().fill('');
    for (const theme of ['light', 'dark'] as const) {
      await panel.goto(`${panelUrl}?theme=${theme}`);
      await expect.poll(counts).toMatch(/^10,\d{3} requests$/);
      await panel.locator('.tbody [role="row"]').nth(3).click();
      await panel.keyboard.press('Enter');
      await expect.poll(() => panel.getByRole('table', { name: 'Timing' }).count()).toBe(1);
      const path = join(ARTIFACTS, `panel-${theme}.png`);
      await panel.screenshot({ path });
      expect((await readFile(path)).length).toBeGreaterThan(10_000);
    }
  });

  test('live: with DevTools open on a page, its requests appear in the open panel', async () => {
    await applyConfig(browser.worker, testConfig());
    await panel.goto(panelUrl);
    await expect.poll(counts).toMatch(/^10,\d{3} requests$/);
    const app = await browser.context.newPage();
    await app.goto(servers.url('app', '/'));
    await reloadOnceRecording(browser.worker, app, await tabIdOf(browser.worker, app.url()));
    await app.evaluate(
      async (url) => {
        for (let i = 0; i < 3; i++) await fetch(`${url}?live=${String(i)}`).then((r) => r.text());
      },
      servers.url('app', '/echo'),
    );
    await filter().fill('url:live=');
    await expect.poll(counts, { timeout: 10_000 }).toMatch(/^3 \/ /);
    // The rows came from the notices: the store holds the same spans.
    const stored = await storedSpans(browser.worker);
    expect(stored.filter((s) => String(s.attributes['url.full']).includes('live=')).length).toBe(3);
    await app.close();
  });
});
