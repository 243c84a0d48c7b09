/**
 * Issue #13, the service worker stopped during an injection change: new settings land in storage
 * and the worker is stopped before it has applied them. Chrome never delivers that storage event
 * again, so without help the old request rules would stay in force (one still sending headers to
 * a target the new settings removed) until something else woke the worker.
 *
 * Kept: the write itself, in storage, and then in force everywhere (request rules, registered
 * scripts, every request's headers) without anyone writing or asking again. The third party sees
 * no header at any point; the target the write removed sees none once it is applied (until then
 * the old rules are what is in force, stopped worker or not).
 */
import { isDeepStrictEqual } from 'node:util';
import type { IncomingHttpHeaders } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type ChromiumSession } from '../support/chromium';
import { applyConfig, testConfig } from '../support/extension-config';
import { quietExtensionPage } from '../support/export-control';
import { headersAtEach } from '../support/leak-checks';
import { fetchEach } from '../support/leak-page-scripts';
import { poll } from '../support/poll';
import { propagationHeaderNames, traceparentFields } from '../support/propagation-check';
import {
  HOST_NAMES,
  startTraceServers,
  type OriginName,
  type TraceServers,
} from '../support/trace-servers';

const OLD = testConfig();
/** A new baggage value, api.test also a site and now a network-mode target, strict.test dropped. */
const NEW = testConfig({
  sites: ['http://app.test:*', 'http://api.test:*'],
  targets: [{ match: 'http://api.test:*', mode: 'network' }],
  baggage: [{ key: 'user.id', value: '67890' }],
});

/** What the extension's own pages can see of the background's work, without waking it. */
interface Applied {
  readonly baggage: unknown;
  /** Every header value the session rules set. */
  readonly ruleValues: string[];
  readonly scriptMatches: string[][];
}

describe('Chromium: the service worker stopped during an injection change', () => {
  let browser: ChromiumSession;
  let servers: TraceServers;
  let page: Page;
  let quiet: Page;

  const applied = (): Promise<Applied> =>
    quiet.evaluate(async () => {
      const config = (await chrome.storage.session.get('appliedConfig'))['appliedConfig'] as
        { baggage?: unknown } | undefined;
      const rules = await chrome.declarativeNetRequest.getSessionRules();
      return {
        baggage: config?.baggage,
        ruleValues: rules.flatMap((r) =>
          (r.action.requestHeaders ?? []).flatMap((h) => (h.value === undefined ? [] : [h.value])),
        ),
        scriptMatches: (await chrome.scripting.getRegisteredContentScripts()).map(
          (s) => s.matches ?? [],
        ),
      };
    });
  /** One request from the page to each origin, one after another; what each received. */
  const sendEach = (tag: string) =>
    headersAtEach(servers, (list) => page.evaluate(fetchEach, list), tag);
  /** Only what the new settings send: traceparent and the new baggage, or nothing at all. */
  const expectNewHeaders = (got: Record<OriginName, IncomingHttpHeaders>) => {
    for (const name of ['app', 'api'] as const) {
      expect(propagationHeaderNames(got[name]).sort(), name).toEqual(['baggage', 'traceparent']);
      expect(got[name].baggage, name).toBe('user.id=67890');
      expect(traceparentFields(got[name].traceparent), name).not.toBeNull();
    }
    // strict.test is no target any more: a third party, like third.test (invariant 1).
    expect(propagationHeaderNames(got.strict)).toEqual([]);
    expect(propagationHeaderNames(got.third)).toEqual([]);
  };

  beforeAll(async () => {
    servers = await startTraceServers();
    browser = await launchChromium({ loopbackHosts: HOST_NAMES });
    await applyConfig(browser.worker, OLD);
    page = await browser.context.newPage();
    await page.goto(servers.url('app', '/'));
    quiet = await quietExtensionPage(browser);
  });
  afterAll(async () => {
    await browser.close();
    await servers.close();
  });

  test('the restarted worker applies the new settings on its own; no third party sees a header', async ({
    annotate,
  }) => {
    const before = await sendEach('before');
    expect(before.strict.baggage).toBe('user.id=12345');
    expect(propagationHeaderNames(before.third)).toEqual([]);

    // The write, then the worker's thread held busy, so its storage event waits behind the loop
    // and the stop lands before it applies anything (the fault: a worker stopped between an
    // event's dispatch and its handling). Chrome gives up waiting on the loop after 5 s.
    const writtenAt = Date.now();
    browser.worker
      .evaluate((config) => {
        void chrome.storage.local.set({ config });
        const until = Date.now() + 20_000;
        while (Date.now() < until);
      }, NEW)
      .catch(() => undefined); // the worker is stopped under it
    await poll(
      async () => {
        const stored = await quiet.evaluate(
          async () => (await chrome.storage.local.get('config'))['config'],
        );
        return isDeepStrictEqual(stored, NEW) || undefined;
      },
      { what: 'the new settings in storage' },
    );
    expect(await applied()).toMatchObject({ baggage: OLD['baggage'] });
    // Meanwhile, with the old rules still in force: the third party gets nothing.
    expect(propagationHeaderNames((await sendEach('during')).third)).toEqual([]);
    const cdp = await browser.context.newCDPSession(quiet);
    await cdp.send('ServiceWorker.enable');
    const stopAskedAt = Date.now();
    await cdp.send('ServiceWorker.stopAllWorkers');
    const stoppedAt = Date.now();

    // Nothing here talks to the background: what the extension pages can read, it did on its own.
    const now = await poll(
      async () => {
        const state = await applied();
        return isDeepStrictEqual(state.baggage, NEW['baggage']) ? state : undefined;
      },
      { what: 'the restarted worker to apply the new settings' },
    );
    const appliedAt = Date.now();
    expect(now.ruleValues.filter((v) => v.includes('user.id='))).toEqual(['user.id=67890']);
    expect(now.scriptMatches).toEqual([
      ['http://api.test/*', 'http://app.test/*'],
      ['http://api.test/*', 'http://app.test/*'],
    ]);
    // The open document, then a new one, carry exactly the new headers.
    expectNewHeaders(await sendEach('after'));
    await page.reload();
    expectNewHeaders(await sendEach('reloaded'));
    await annotate(
      `settings written, worker told to stop ${String(stopAskedAt - writtenAt)} ms later and stopped ${String(stoppedAt - writtenAt)} ms after the write, before applying them: applied ${String(appliedAt - stoppedAt)} ms after the stop with no prompt from the test (rules and scripts); new baggage on both targets after; the third party got no header during or after, the removed target none once applied`,
      'figure',
    );
  });
});
