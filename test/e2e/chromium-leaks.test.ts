/**
 * Issue #8: paths by which a hostile or unusual page got propagation headers to a third party
 * on Chromium. Each test checks at a loopback third-party server that nothing arrived, and at
 * the allowed destination that its context did.
 */
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { buildRuleGroups, regexFiltersOf, type Config } from '../../src/core/config';
import { parseConfig } from '../../src/core/config/parse';
import { MAX_SITES, MAX_TARGETS } from '../../src/core/config/parse-lists';
import { launchChromium, openPopup, type ChromiumSession } from '../support/chromium';
import { applyConfig, testConfig } from '../support/extension-config';
import { pageViewOf, tabIdOf } from '../support/extension-state';
import { framesLeakNothing, redirectVia, thirdPartySawNothing } from '../support/leak-checks';
import { appendFrame, controlledByWorker, frameAt } from '../support/page-scripts';
import { poll } from '../support/poll';
import { propagationHeaderNames, traceparentFields } from '../support/propagation-check';
import { HOST_NAMES, startTraceServers, type TraceServers } from '../support/trace-servers';

/** Five ordinary service names: together they once outgrew the 2 KB regex budget of one rule. */
const LONG_TARGETS = [1, 2, 3, 4, 5].map((n) => ({
  match: `https://orders-service-${String(n)}.internal.example.com`,
  mode: 'network',
}));

describe('Chromium: no header leaks through unusual paths', () => {
  let browser: ChromiumSession;
  let servers: TraceServers;
  let page: Page;

  const third = () => servers.url('third', '/echo');
  const viaApp = (to: string) => redirectVia(servers, 'app', to);
  const thirdSawNothing = (count: number) => thirdPartySawNothing(servers, count);
  const storedProblems = async (popup: Page) =>
    popup.getByRole('complementary', { name: 'Settings problem' }).textContent();

  async function openApp(config: Record<string, unknown> = testConfig()): Promise<void> {
    await applyConfig(browser.worker, config);
    await page.goto(servers.url('app', '/'));
    servers.clear();
  }

  const popupForPage = async () => openPopup(browser, await tabIdOf(browser.worker, page.url()));

  beforeAll(async () => {
    servers = await startTraceServers();
    browser = await launchChromium({ loopbackHosts: HOST_NAMES });
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser.close();
    await servers.close();
  });
  beforeEach(async () => {
    await openApp();
  });

  test('many long targets: redirects to a third party stay bare, network targets get context', async () => {
    const targets = [...LONG_TARGETS, ...(testConfig()['targets'] as unknown[])];
    await openApp(testConfig({ targets }));
    await page.evaluate(
      async ([redirect, strict]) => {
        await fetch(redirect ?? '').then((r) => r.text());
        await fetch(strict ?? '').then((r) => r.text());
      },
      [viaApp(third()), servers.url('strict', '/echo')],
    );
    await thirdSawNothing(1);
    expect(servers.received('app', '/redirect')[0]?.headers.traceparent).toBeDefined();
    const view = await pageViewOf(browser.worker, await tabIdOf(browser.worker, page.url()));
    const fields = traceparentFields(servers.received('strict', '/echo')[0]?.headers.traceparent);
    expect(fields).toMatchObject({ traceId: view?.traceId, spanId: view?.spanId });
  });

  test('Chrome accepts every regex the rules for 50 sites and 50 targets use', async () => {
    const parsed = parseConfig({
      sites: Array.from(
        { length: MAX_SITES },
        (_, i) => `http://site-${String(i)}.internal.example.com:*`,
      ),
      targets: Array.from({ length: MAX_TARGETS }, (_, i) => ({
        match: `https://*.orders-service-${String(i)}.internal.example.com`,
        mode: i % 2 === 0 ? 'network' : 'page',
      })),
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const config: Config = parsed.config;
    const view = {
      tabId: 7,
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: 1,
      url: 'http://site-0.internal.example.com:8080/',
    };
    const regexes = regexFiltersOf(buildRuleGroups(config, [{ view, slot: 0 }]));
    expect(regexes).toHaveLength(MAX_SITES + MAX_TARGETS);
    const refused = await browser.worker.evaluate(async (list) => {
      const results = await Promise.all(
        list.map(async (regex) => ({
          regex,
          result: await chrome.declarativeNetRequest.isRegexSupported({ regex }),
        })),
      );
      return results.filter((r) => !r.result.isSupported);
    }, regexes);
    expect(refused).toEqual([]);
  });

  test('a pattern Chrome cannot match is reported at once, with no enabled tab', async () => {
    const huge = `*://*.${Array.from({ length: 4 }, () => 'a'.repeat(60)).join('.')}:*`;
    await applyConfig(browser.worker, testConfig({ sites: [huge] }));
    const popup = await popupForPage();
    await expect
      .poll(() => storedProblems(popup))
      .toMatch(/Chrome cannot match .*memoryLimitExceeded/);
    await popup.close();
  });

  test('a tab whose rules Chrome refuses fails closed, says why, and recovers', async () => {
    // Fill the regex quota that dynamic and session rules share, so that a new tab's rules (its
    // network target http://strict.test:* needs a regex) are refused.
    const filled = await browser.worker.evaluate(async () => {
      const session = await chrome.declarativeNetRequest.getSessionRules();
      const free = 1000 - session.filter((r) => r.condition.regexFilter !== undefined).length;
      const addRules = Array.from({ length: free }, (_, i) => ({
        id: 900_000 + i,
        action: { type: 'block' as const },
        condition: { regexFilter: `^https://quota-${String(i)}\\.invalid/` },
      }));
      await chrome.declarativeNetRequest.updateDynamicRules({ addRules });
      return free;
    });
    expect(filled).toBeGreaterThan(0);
    const tab = await browser.context.newPage();
    try {
      await tab.goto(servers.url('app', '/page')); // its own URL: tabIdOf finds tabs by URL
      const popup = await openPopup(browser, await tabIdOf(browser.worker, tab.url()));
      await expect
        .poll(() => popup.getByRole('alert').filter({ hasText: 'refused this tab' }).count())
        .toBe(1);
      await popup.close();
      servers.clear();
      await tab.evaluate(
        async ([own, redirect]) => {
          await fetch(own ?? '').then((r) => r.text());
          await fetch(redirect ?? '').then((r) => r.text());
        },
        [servers.url('app', '/echo'), viaApp(third())],
      );
      // The page hook still adds headers; the fail-closed rule removes them on the wire.
      expect(propagationHeaderNames(servers.received('app', '/echo')[0]?.headers ?? {})).toEqual(
        [],
      );
      await thirdSawNothing(1);
    } finally {
      await browser.worker.evaluate(async () => {
        const ids = (await chrome.declarativeNetRequest.getDynamicRules()).map((r) => r.id);
        await chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: ids });
      });
    }
    // Room again: the next navigation's rules fit, and the tab injects.
    await tab.goto(servers.url('app', '/page'));
    await poll(async () => {
      servers.clear();
      await tab.evaluate((url) => fetch(url).then((r) => r.text()), servers.url('app', '/echo'));
      return traceparentFields(servers.received('app', '/echo')[0]?.headers.traceparent);
    });
    await tab.close();
  });

  test("a service worker forwarding the page's request keeps context home and strips it elsewhere", async () => {
    const site = servers.loopbackUrl('app');
    await applyConfig(browser.worker, testConfig({ sites: [site.replace(/\/$/, '')] }));
    await page.goto(servers.loopbackUrl('app', '/sw/page'));
    await page.evaluate(controlledByWorker);
    servers.clear();
    const to = encodeURIComponent(third());
    await page.evaluate(
      async ([home, away]) => {
        await fetch(home ?? '').then((r) => r.text());
        await fetch(away ?? '').then((r) => r.text());
      },
      [`/sw/echo?via-sw=1`, `/sw/redirect?via-sw=1&to=${to}`],
    );
    // The worker's own request home carries the page's context: that is where it belongs.
    expect(
      traceparentFields(servers.received('app', '/sw/echo')[0]?.headers.traceparent),
    ).not.toBeNull();
    expect(servers.received('app', '/sw/redirect')[0]?.headers.baggage).toBe('user.id=12345');
    await thirdSawNothing(1);
  });

  test('an enabled site framed by a page that is not enabled adds nothing, so nothing can leak', async () => {
    await page.goto(servers.url('third', '/page'));
    const frame = await addFrameTo(page, servers.url('app', '/page'));
    servers.clear();
    await frame.evaluate(async (url) => fetch(url).then((r) => r.text()), viaApp(third()));
    await thirdSawNothing(1);
    expect(propagationHeaderNames(servers.received('app', '/redirect')[0]?.headers ?? {})).toEqual(
      [],
    );
  });

  test("a widget frame of another site keeps its own headers and never gets the page view's", async () => {
    const own = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const widget = await addFrameTo(page, servers.url('third', '/page'));
    servers.clear();
    await widget.evaluate(
      async ([home, strict, value]) => {
        await fetch(home ?? '', { headers: { traceparent: value ?? '' } }).then((r) => r.text());
        await fetch(strict ?? '').then((r) => r.text());
      },
      [third(), servers.url('strict', '/echo'), own],
    );
    expect(servers.received('third', '/echo')[0]?.headers.traceparent).toBe(own);
    expect(propagationHeaderNames(servers.received('strict', '/echo')[0]?.headers ?? {})).toEqual(
      [],
    );
  });

  test('uberctx headers the page set for keys nobody configured never reach a third party', async () => {
    await page.evaluate(
      async ([redirect, direct]) => {
        const headers = { 'uberctx-page.own': 'x', 'uberctx-user.id': 'page' };
        await fetch(redirect ?? '', { headers }).then((r) => r.text());
        await fetch(direct ?? '', { headers: { 'uberctx-direct': 'y' } }).then((r) => r.text());
        await new Promise<void>((resolve) => {
          const xhr = new XMLHttpRequest();
          xhr.open('GET', redirect ?? '');
          xhr.setRequestHeader('uberctx-from-xhr', 'z');
          xhr.onloadend = () => {
            resolve();
          };
          xhr.send();
        });
      },
      [viaApp(third()), third()],
    );
    await thirdSawNothing(3);
    // Toward its own origin the page's own uberctx headers still go out.
    const home = servers.received('app', '/redirect');
    expect(home.map((r) => r.headers['uberctx-page.own'] ?? r.headers['uberctx-from-xhr'])).toEqual(
      ['x', 'z'],
    );
  });

  test('uberctx headers set through an about:blank or srcdoc frame never reach a third party', async () => {
    // DNR strips by exact name, so the hook must be in those frames too to learn the names.
    await framesLeakNothing(servers, (fn, job) => page.evaluate(fn, job));
  });

  test('the page cannot make the bridge publish its settings, nor overhear them', async () => {
    const overheard = await page.evaluate(() => {
      const seen: string[] = [];
      const record = (event: Event) => {
        const detail = (event as CustomEvent<unknown>).detail;
        const data = (event as MessageEvent<unknown>).data;
        seen.push(`${event.type}:${JSON.stringify(detail ?? data ?? null)}`);
      };
      for (const type of [
        'trace-capture:settings',
        'trace-capture:connect',
        'trace-capture:hook-ready',
      ]) {
        document.addEventListener(type, record);
      }
      window.addEventListener('message', record);
      document.dispatchEvent(new CustomEvent('trace-capture:hook-ready'));
      document.dispatchEvent(new CustomEvent('trace-capture:bridge-ready'));
      return seen.filter((s) => !s.startsWith('trace-capture:hook-ready:'));
    });
    expect(overheard).toEqual([]);
    // The hook still works, over its private channel.
    await page.evaluate((url) => fetch(url).then((r) => r.text()), servers.url('app', '/echo'));
    expect(
      traceparentFields(servers.received('app', '/echo')[0]?.headers.traceparent),
    ).not.toBeNull();
  });
});

async function addFrameTo(page: Page, url: string): Promise<Frame> {
  await page.evaluate(appendFrame, url);
  return frameAt(page, url);
}
