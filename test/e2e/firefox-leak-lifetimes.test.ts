/**
 * Issue #13 on Firefox: requests that outlive what their headers were decided by. A keepalive
 * fetch outlives its page, a page's pagehide requests go out while the next page is on its way,
 * and requests are in flight while the settings change. Firefox judges every hop when it is sent,
 * by the document or worker that made the request; the loopback third party must receive nothing.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { launchFirefox, type FirefoxSession } from '../support/firefox';
import { evaluateIn, openExtensionTab } from '../support/firefox-chrome';
import {
  inFlightAcrossAChange,
  keepaliveAfterThePageWent,
  pagehideRequests,
  settingsChangingUnderLoad,
  TWO_KEYS,
  type LeakTab,
} from '../support/leak-lifetimes';
import { fetchEach } from '../support/leak-page-scripts';
import { PAGE_HEADERS, sawNoPropagation } from '../support/leak-paths';
import type { Run } from '../support/leak-scenarios';
import { poll } from '../support/poll';
import { HOST_NAMES, startTraceServers, type TraceServers } from '../support/trace-servers';

describe('Firefox: requests that outlive their page or their settings', () => {
  let firefox: FirefoxSession;
  let servers: TraceServers;
  /** An extension page, the only context BiDi lets the test write storage.local from. */
  let popup: string;

  async function openTab(url: string): Promise<LeakTab & { page: Page }> {
    const page = await firefox.browser.newPage();
    await page.goto(url);
    servers.clear();
    const run: Run = (fn, arg) => page.evaluate(fn as (a: unknown) => unknown, arg) as never;
    return {
      page,
      run,
      goto: async (to) => {
        await page.goto(to);
      },
      close: () => page.close(),
    };
  }

  /** Writes the settings as a user would, then waits until the background has applied them. */
  async function setConfig(config: Record<string, unknown>): Promise<void> {
    const json = JSON.stringify(config);
    await evaluateIn(firefox.browser, popup, `browser.storage.local.set({ config: ${json} })`);
    await poll(
      async () => {
        const applied = await evaluateIn<Record<string, unknown> | undefined>(
          firefox.browser,
          popup,
          `browser.storage.session.get('appliedConfig').then((s) => s.appliedConfig)`,
        );
        const done = Object.entries(config).every(([k, v]) => isDeepStrictEqual(applied?.[k], v));
        return done || undefined;
      },
      { what: 'the background to apply the settings' },
    );
  }

  beforeAll(async () => {
    servers = await startTraceServers();
    firefox = await launchFirefox({
      storage: { config: TWO_KEYS },
      loopbackHosts: HOST_NAMES,
      privileged: true,
    });
    popup = await openExtensionTab(firefox.browser, 'popup/index.html');
  });
  afterAll(async () => {
    await firefox.close();
    await servers.close();
  });

  test('a keepalive fetch redirected after its page closed', async () => {
    const tab = await openTab(servers.url('app', '/page?closing'));
    await keepaliveAfterThePageWent(
      servers,
      tab,
      (t) => t.close(),
      async () => {},
      'closed',
    );
  });

  test('a keepalive fetch redirected after its page navigated to another site', async () => {
    const tab = await openTab(servers.url('app', '/page?leaving'));
    const away = (t: LeakTab) => t.goto(servers.url('third', '/page?left'));
    await keepaliveAfterThePageWent(servers, tab, away, async () => {}, 'navigated');
    await tab.close();
  });

  test('what the page sends on pagehide as it leaves for a site that is not enabled', async () => {
    const tab = await openTab(servers.url('app', '/page?pagehide'));
    await pagehideRequests(servers, tab, servers.url('third', '/page?after'), 'pagehide');
    await tab.close();
  });

  test('what the page sends on pagehide as it leaves for another enabled site', async () => {
    const other = servers.loopbackUrl('app').replace(/\/$/, '');
    await setConfig({ ...TWO_KEYS, sites: ['http://app.test:*', other] });
    const tab = await openTab(servers.url('app', '/page?pagehide-enabled'));
    await pagehideRequests(servers, tab, `${other}/page?after`, 'pagehide-enabled');
    // The first page's rules outlive it, but only for its own requests: to the new page, that
    // first site is a third party like any other.
    await tab.run(fetchEach, [
      { url: servers.url('app', '/echo?p=next-page'), headers: { ...PAGE_HEADERS } },
    ]);
    await sawNoPropagation(servers, 'app', '/echo?p=next-page');
    await tab.close();
    await setConfig(TWO_KEYS);
  });

  test('requests in flight while the settings change under them', async () => {
    await setConfig(TWO_KEYS);
    const tab = await openTab(servers.url('app', '/page?in-flight'));
    await inFlightAcrossAChange(servers, tab, setConfig);
    await tab.close();
  });

  test('requests made while the settings change', async () => {
    await setConfig(TWO_KEYS);
    const tab = await openTab(servers.url('app', '/page?settings'));
    await settingsChangingUnderLoad(servers, tab.run, setConfig);
    await tab.close();
  });
});
