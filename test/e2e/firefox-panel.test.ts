/**
 * Recording and the Traces panel in Firefox ESR. WebDriver BiDi can neither open DevTools nor
 * navigate to the panel's moz-extension:// page, so privileged code does both
 * (test/support/firefox-chrome.ts); the panel is then read and driven over raw BiDi.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bundleHarness } from '../support/bundle';
import { testConfig } from '../support/extension-config';
import { launchFirefox, type FirefoxSession } from '../support/firefox';
import { evaluateIn, openDevtools, openExtensionTab, runScript } from '../support/firefox-chrome';
import { poll } from '../support/poll';
import { HOST_NAMES, startTraceServers, type TraceServers } from '../support/trace-servers';

describe('Firefox: recording with DevTools open, and the Traces panel', () => {
  let firefox: FirefoxSession;
  let servers: TraceServers;
  let page: Page;
  let panel: string;

  const rows = () =>
    evaluateIn<string[]>(
      firefox.browser,
      panel,
      `[...document.querySelectorAll('.tbody [role="row"]')].map((r) => r.textContent)`,
    );
  const countText = () =>
    evaluateIn<string>(
      firefox.browser,
      panel,
      `document.querySelector('.counts')?.textContent ?? ''`,
    );
  const typeFilter = (text: string) =>
    evaluateIn<null>(
      firefox.browser,
      panel,
      `(() => {
        const input = document.querySelector('[role="searchbox"]');
        input.value = ${JSON.stringify(text)};
        input.dispatchEvent(new Event('input', { bubbles: true }));
        return null;
      })()`,
    );

  beforeAll(async () => {
    servers = await startTraceServers();
    firefox = await launchFirefox({
      storage: { config: testConfig() },
      loopbackHosts: HOST_NAMES,
      privileged: true,
    });
    page = await firefox.browser.newPage();
    await page.goto(servers.url('app', '/'));
    await openDevtools(firefox.browser, 'app.test');
    panel = await openExtensionTab(firefox.browser, 'devtools/panel.html');
  });
  afterAll(async () => {
    await firefox.close();
    await servers.close();
  });

  test("the page's requests become stored spans that the open panel lists", async () => {
    // DevTools' recorder starts a moment after the toolbox: probe until a request shows.
    await poll(
      async () => {
        await page.evaluate(
          (url) => fetch(url).then((r) => r.text()),
          servers.url('app', '/echo?warm=1'),
        );
        return (await rows()).some((row) => row.includes('GET /echo')) || undefined;
      },
      { what: 'the first recorded request in the panel' },
    );
    await page.evaluate(
      async (base) => {
        for (let i = 0; i < 3; i++)
          await fetch(`${base}/echo?fflive=${String(i)}`).then((r) => r.text());
        await fetch(`${base}/missing?fflive=404`).then((r) => r.text());
      },
      new URL(servers.url('app')).origin,
    );
    await typeFilter('url:fflive');
    await poll(async () => ((await countText()).startsWith('4 / ') ? true : undefined), {
      what: 'the four live requests',
    });
    const shown = await rows();
    expect(shown.filter((r) => r.includes('GET /echo'))).toHaveLength(3);
    expect(shown.filter((r) => r.includes('404'))).toHaveLength(1);
    await typeFilter('url:fflive status:4xx');
    await poll(async () => ((await countText()).startsWith('1 / ') ? true : undefined), {
      what: 'the filter to keep the 404',
    });
  });

  test('seeded spans are listed and filtered as in Chromium', async () => {
    await runScript(
      firefox.browser,
      panel,
      await bundleHarness('test/support/seed-spans.ts', 'seeding'),
    );
    const stored = await evaluateIn<number>(firefox.browser, panel, 'seeding.seed(2000, 99)');
    expect(stored).toBeGreaterThanOrEqual(2000);
    await evaluateIn<null>(firefox.browser, panel, '(location.reload(), null)');
    // The reloaded panel has read every row once the count passes what was seeded.
    await poll(
      async () => {
        const text = (await countText()).replaceAll(',', '');
        return Number(/^(\d+) requests$/.exec(text)?.[1] ?? 0) >= 2000 || undefined;
      },
      { what: 'the reloaded panel to read the seeded rows' },
    );
    await typeFilter('status:5xx');
    await poll(
      async () => (/^\d+ \/ 2,\d{3} requests$/.test(await countText()) ? true : undefined),
      {
        what: 'the seeded rows, filtered',
      },
    );
    const statuses = await evaluateIn<string[]>(
      firefox.browser,
      panel,
      `[...document.querySelectorAll('.tbody .c-status')].map((c) => c.textContent)`,
    );
    expect(new Set(statuses)).toEqual(new Set(['503']));
  });
});
