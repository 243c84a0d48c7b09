/**
 * Issue #13 on Firefox, IndexedDB refusing writes: the extension's origin is out of quota while
 * DevTools records. The panel says so, the spans stored before stay exactly as they were, and
 * once space is free again every span recorded meanwhile is stored (invariants 5 and 6).
 *
 * The refusals are Firefox's own quota manager. The extension's origin is best-effort storage
 * (storage/default, navigator.storage.persisted() false: the manifest asks for no
 * unlimitedStorage), so it gets the group limit of temporary storage. With
 * `dom.quotaManager.temporaryStorage.fixedLimit` at 4 MiB, below Firefox's 10 MiB floor for a
 * group, the group limit is the whole 4 MiB, which another database of the extension then fills.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testConfig } from '../support/extension-config';
import { launchFirefox, type FirefoxSession } from '../support/firefox';
import { evaluateIn, openDevtools, openExtensionTab } from '../support/firefox-chrome';
import { fetchEach } from '../support/leak-page-scripts';
import { PER_PHASE, byKey, keyOf, phaseOf, phaseSends } from '../support/quota-phases';
import { poll } from '../support/poll';
import { FILLER_DB, fillQuota, freeQuota } from '../support/quota-fill';
import { firefoxStoredSpans, firefoxStoreIntegrity } from '../support/stored-spans';
import { HOST_NAMES, startTraceServers, type TraceServers } from '../support/trace-servers';

/** The temporary storage limit, in KiB as the pref takes it. */
const LIMIT_KIB = 4096;
/** What the panel says when a batch was refused for want of space, with nothing else in it. */
const QUOTA_ALERT =
  /^Spans could not be stored: IndexedDB refused to store \d+ spans: quota exceeded \(QuotaExceededError[^)]*\)\. Nothing of the batch was stored\. \d+ spans are kept and retried\.$/;

describe('Firefox: IndexedDB refusing writes (quota exceeded)', () => {
  let firefox: FirefoxSession;
  let browser: Browser;
  let servers: TraceServers;
  let page: Page;
  let panel: string;

  /** `PER_PHASE` requests marked with `phase`, one after another, each body read. */
  const requests = (phase: string) => page.evaluate(fetchEach, phaseSends(servers, phase));
  const storedSpans = () => firefoxStoredSpans(browser, panel);
  const storeIntegrity = () => firefoxStoreIntegrity(browser, panel);
  const storedOf = async (phase: string) =>
    (await storedSpans()).filter((s) => phaseOf(s) === phase);
  /** Every alert text the panel has shown about refused writes, in order, each once. */
  const alertsSeen: string[] = [];
  /** The panel's word on refused writes, or undefined while it shows none (never waits). */
  const storeAlert = async () => {
    const texts = await evaluateIn<string[]>(
      browser,
      panel,
      `[...document.querySelectorAll('[role="alert"]')].map((e) => e.textContent ?? '').filter((t) => t.includes('could not be stored'))`,
    );
    const shown = texts[0];
    if (shown !== undefined && alertsSeen.at(-1) !== shown) alertsSeen.push(shown);
    return shown;
  };
  /** How many spans the panel says are waiting for a write. */
  const pendingShown = async () =>
    Number(/(\d+) spans are kept/.exec((await storeAlert()) ?? '')?.[1] ?? 0);

  beforeAll(async () => {
    servers = await startTraceServers();
    firefox = await launchFirefox({
      storage: { config: testConfig() },
      loopbackHosts: HOST_NAMES,
      privileged: true,
      prefs: { 'dom.quotaManager.temporaryStorage.fixedLimit': LIMIT_KIB },
    });
    browser = firefox.browser;
    page = await browser.newPage();
    await page.goto(servers.url('app', '/'));
    await openDevtools(browser, 'app.test');
    // The panel as a tab hears the recorder's notices as the docked one does.
    panel = await openExtensionTab(browser, 'devtools/panel.html');
    // DevTools' recorder starts a moment after the toolbox: request until one is stored.
    await poll(
      async () => {
        await page.evaluate(
          (url) => fetch(url).then((r) => r.text()),
          servers.url('app', '/echo?warm=1'),
        );
        return (await storedSpans()).length > 0 || undefined;
      },
      { what: 'the first recorded request' },
    );
  });
  afterAll(async () => {
    await firefox.close();
    await servers.close();
  });

  test('the panel says so, stored spans stay as they were, recording resumes with every span', async ({
    annotate,
  }) => {
    const storage = await evaluateIn<{ persisted: boolean; quota: number }>(
      browser,
      panel,
      `Promise.all([navigator.storage.persisted(), navigator.storage.estimate()]).then(([persisted, { quota }]) => ({ persisted, quota }))`,
    );
    expect(storage).toEqual({ persisted: false, quota: LIMIT_KIB * 1024 });
    await requests('before');
    await poll(async () => ((await storedOf('before')).length === PER_PHASE ? true : undefined), {
      what: 'the spans recorded before the quota ran out',
    });

    // Another database of the extension's takes what is left: every span write is over quota.
    const filled = await evaluateIn<number>(
      browser,
      panel,
      `(${fillQuota.toString()})(${JSON.stringify(FILLER_DB)})`,
    );
    // The store's database has pages of its own to spare: rounds of requests until one has to
    // grow it, which the quota manager refuses.
    const rounds: string[] = [];
    const told = await poll(
      async () => {
        const shown = await storeAlert();
        if (shown !== undefined) return shown;
        rounds.push(`refused${String(rounds.length)}`);
        await requests(rounds.at(-1) ?? '');
        return undefined;
      },
      { what: 'the panel to say spans could not be stored' },
    );
    expect(told).toMatch(QUOTA_ALERT);
    // Every write is refused from here on: the store must stay exactly as the refusal found it.
    const atRefusal = byKey(await storedSpans());
    const pendingAtRefusal = await pendingShown();
    await requests('queued');
    // The recorder retries with backoff (1 s, then 2 s) and writes nothing new meanwhile: a count
    // with the queued requests in it is a retry's refusal. That first retry is where Firefox's
    // cleanup transaction would refuse it for another reason, had the store not spent it.
    await poll(
      async () => ((await pendingShown()) >= pendingAtRefusal + PER_PHASE ? true : undefined),
      { what: 'a retry refused with the later requests queued too' },
    );
    expect(byKey(await storedSpans())).toEqual(atRefusal);
    expect((await storeIntegrity()).problems).toEqual([]);

    const pendingAtFree = await pendingShown();
    // Space is free again (the user cleared other data): the next retry goes through.
    await evaluateIn<null>(
      browser,
      panel,
      `(${freeQuota.toString()})(${JSON.stringify(FILLER_DB)}).then(() => null)`,
    );
    await requests('after');
    const resumed = await poll(
      async () => {
        await storeAlert(); // every refusal's words, until the last
        const all = await storedSpans();
        const counts = [...rounds, 'queued', 'after'].map(
          (phase) => all.filter((s) => phaseOf(s) === phase).length,
        );
        return counts.every((n) => n === PER_PHASE) ? all : undefined;
      },
      { what: 'every span recorded during and after the refusal', timeoutMs: 45_000 },
    );
    await expect.poll(storeAlert).toBeUndefined();
    // Each refusal the panel showed named the real reason: no quota, nothing else.
    for (const text of alertsSeen) expect(text).toMatch(QUOTA_ALERT);
    // Every span stored at the refusal is still there, unchanged, and none is stored twice.
    const now = new Map(resumed.map((s) => [keyOf(s), s]));
    expect(atRefusal.map((s) => now.get(keyOf(s)))).toEqual(atRefusal);
    const integrity = await storeIntegrity();
    expect(integrity.problems).toEqual([]);
    await annotate(
      `temporary storage limited to ${String(LIMIT_KIB)} KiB (the extension's origin not persisted, so that is its quota), filled with ${String(Math.round(filled / 1024))} KiB of filler; ${String(rounds.length)} rounds of ${String(PER_PHASE)} requests until a write needed more space: the panel said "${told}" (${String(alertsSeen.length)} refusals shown, each for quota); ${String(atRefusal.length)} stored spans kept unchanged, ${String(pendingAtFree)} spans kept in memory and retried; space freed: all stored, then ${String(PER_PHASE)} more`,
      'figure',
    );
  });
});
