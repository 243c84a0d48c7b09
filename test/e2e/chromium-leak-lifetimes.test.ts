/**
 * Issue #13 on Chromium: requests that outlive what their headers were decided by. A keepalive
 * fetch outlives its page (Chromium goes on with it as a request of no tab), a page's pagehide
 * requests go out while the next page is on its way, and a page keeps writing headers until its
 * bridge hears of a settings change. The loopback third party must receive none of them.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { launchChromium, type ChromiumSession } from '../support/chromium';
import { applyConfig } from '../support/extension-config';
import { pageViewOf, tabIdOf } from '../support/extension-state';
import {
  inFlightAcrossAChange,
  keepaliveAfterThePageWent,
  pagehideRequests,
  settingsChangingUnderLoad,
  TWO_KEYS,
  type LeakTab,
} from '../support/leak-lifetimes';
import { fetchEach } from '../support/leak-page-scripts';
import { LEAK_CONFIG, PAGE_HEADERS, sawNoPropagation } from '../support/leak-paths';
import type { Run } from '../support/leak-scenarios';
import { poll } from '../support/poll';
import { HOST_NAMES, startTraceServers, type TraceServers } from '../support/trace-servers';

describe('Chromium: requests that outlive their page or their settings', () => {
  let browser: ChromiumSession;
  let servers: TraceServers;

  /** A new tab on `url`; the only tab on an enabled site, so no other tab's rules help. */
  async function openTab(url: string): Promise<LeakTab & { page: Page; tabId: number }> {
    const page = await browser.context.newPage();
    await page.goto(url);
    servers.clear();
    const run: Run = (fn, arg) =>
      page.evaluate(fn as (a: unknown) => unknown, arg as unknown) as never;
    return {
      page,
      tabId: await tabIdOf(browser.worker, page.url()),
      run,
      goto: async (to) => {
        await page.goto(to);
      },
      close: () => page.close(),
    };
  }

  /** Until the background has seen the tab's document go (its page view is retired). */
  const viewGone = (tabId: number) => () =>
    poll(async () => ((await pageViewOf(browser.worker, tabId)) === null ? true : undefined), {
      what: `the page view of tab ${String(tabId)} to go`,
    }).then(() => undefined);

  beforeAll(async () => {
    servers = await startTraceServers();
    browser = await launchChromium({ loopbackHosts: HOST_NAMES });
    await applyConfig(browser.worker, LEAK_CONFIG);
  });
  afterAll(async () => {
    await browser.close();
    await servers.close();
  });

  test('a keepalive fetch redirected after its page closed', async () => {
    const tab = await openTab(servers.url('app', '/page?closing'));
    await keepaliveAfterThePageWent(servers, tab, (t) => t.close(), viewGone(tab.tabId), 'closed');
  });

  test('a keepalive fetch redirected after its page navigated to another site', async () => {
    const tab = await openTab(servers.url('app', '/page?leaving'));
    const away = (t: LeakTab) => t.goto(servers.url('third', '/page?left'));
    await keepaliveAfterThePageWent(servers, tab, away, viewGone(tab.tabId), 'navigated');
    await tab.close();
  });

  test('what the page sends on pagehide as it leaves for a site that is not enabled', async () => {
    const tab = await openTab(servers.url('app', '/page?pagehide'));
    await pagehideRequests(servers, tab, servers.url('third', '/page?after'), 'pagehide');
    await tab.close();
  });

  test('what the page sends on pagehide as it leaves for another enabled site', async () => {
    // The app's server by IP address: another host, enabled too, with a page view of its own.
    const other = servers.loopbackUrl('app').replace(/\/$/, '');
    await applyConfig(browser.worker, { ...LEAK_CONFIG, sites: ['http://app.test:*', other] });
    const tab = await openTab(servers.url('app', '/page?pagehide-enabled'));
    await pagehideRequests(servers, tab, `${other}/page?after`, 'pagehide-enabled');
    // The first page's rules outlive it, but only for its own requests: to the new page, that
    // first site is a third party like any other.
    await tab.run(fetchEach, [
      { url: servers.url('app', '/echo?p=next-page'), headers: { ...PAGE_HEADERS } },
    ]);
    await sawNoPropagation(servers, 'app', '/echo?p=next-page');
    await tab.close();
    await applyConfig(browser.worker, LEAK_CONFIG);
  });

  test('requests in flight while the settings change under them', async () => {
    await applyConfig(browser.worker, TWO_KEYS);
    const tab = await openTab(servers.url('app', '/page?in-flight'));
    await inFlightAcrossAChange(servers, tab, (config) => applyConfig(browser.worker, config));
    await tab.close();
  });

  test('requests made while the settings change', async () => {
    await applyConfig(browser.worker, TWO_KEYS);
    const tab = await openTab(servers.url('app', '/page?settings'));
    await settingsChangingUnderLoad(servers, tab.run, (config) =>
      applyConfig(browser.worker, config),
    );
    await tab.close();
  });
});
