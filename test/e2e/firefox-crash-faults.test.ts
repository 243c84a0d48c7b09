/**
 * Issue #13 on Firefox, the browser killed mid-recording: Firefox gets SIGKILL (no clean shutdown,
 * as in a crash or a power cut of the process) while DevTools records a steady stream of requests.
 * After a relaunch on the same profile, every span stored before the kill is intact, and the only
 * requests missing are the last ones, which the recorder was still holding for its next batch.
 *
 * The add-on is a temporary one (BiDi's installExtension), so the relaunch installs it again. Its
 * moz-extension:// UUID names the origin that owns the spans' IndexedDB: installed under another
 * UUID, the add-on finds no store at all. Firefox keeps a temporary add-on's UUID in prefs.js
 * until the add-on is uninstalled, which a killed browser never does, so the relaunch finds the
 * same one; `extensions.webextensions.uuids` pins it so that this does not depend on whether
 * prefs.js was written before the kill.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FLUSH_DELAY_MS } from '../../src/devtools/recorder/batcher';
import { processesOfFirefox } from '../support/browser-process';
import {
  isTick,
  STORED_BEFORE_KILL,
  startTickServer,
  streamTicks,
  type TickServer,
} from '../support/crash-stream';
import { testConfig } from '../support/extension-config';
import { launchFirefox, type FirefoxOptions, type FirefoxSession } from '../support/firefox';
import { openDevtools, openExtensionTab } from '../support/firefox-chrome';
import { poll } from '../support/poll';
import {
  firefoxStoredSpans as storedSpans,
  firefoxStoreIntegrity as storeIntegrity,
} from '../support/stored-spans';

describe('Firefox: the browser killed mid-recording', () => {
  let profile: string;
  let ticks: TickServer;
  let firefox: FirefoxSession | undefined;

  beforeAll(async () => {
    profile = await mkdtemp(join(tmpdir(), 'trace-capture-firefox-crash-'));
    ticks = await startTickServer();
  });
  afterAll(async () => {
    await firefox?.close();
    await ticks.server.close();
    await rm(profile, { recursive: true, force: true });
  });

  test('SIGKILL while recording: stored spans intact, only the last unflushed ones missing', async ({
    annotate,
  }) => {
    const options: FirefoxOptions = {
      profileDir: profile,
      extensionUuid: randomUUID(),
      loopbackHosts: ['app.test'],
      privileged: true,
      // The relaunch should show what is stored, not reopen the tab and record it again.
      prefs: { 'browser.sessionstore.resume_from_crash': false },
    };
    const recording = await launchFirefox({ ...options, storage: { config: testConfig() } });
    firefox = recording;
    const page = await recording.browser.newPage();
    await page.goto(`http://app.test:${String(ticks.server.port)}/`);
    await openDevtools(recording.browser, 'app.test');
    const quiet = await openExtensionTab(recording.browser, 'src/assets/icon-128.png');
    // DevTools' recorder starts a moment after the toolbox: request until one is stored.
    await poll(
      async () => {
        await page.evaluate(() => fetch('/warm').then((r) => r.text()));
        return (await storedSpans(recording.browser, quiet)).length > 0 || undefined;
      },
      { what: 'the first recorded request' },
    );
    await page.evaluate(streamTicks);
    const storedEarlier = await poll(
      async () => {
        const all = await storedSpans(recording.browser, quiet);
        const ticked = all.filter((s) => isTick(s.attributes['url.full'])).length;
        return ticked >= STORED_BEFORE_KILL ? all : undefined;
      },
      { what: `${String(STORED_BEFORE_KILL)} recorded requests` },
    );

    const pid = recording.pid;
    const processes = (await processesOfFirefox(pid)).length;
    const gone = new Promise((resolve) => recording.browser.once('disconnected', resolve));
    const killed = await ticks.killOnLaterTick(pid);
    await gone;
    const seen = ticks.seen();
    firefox = undefined; // nothing left to close
    await poll(async () => ((await processesOfFirefox(pid)).length === 0 ? true : undefined), {
      what: 'every process of the killed browser to end',
    });

    // The same profile and add-on again, without DevTools: nothing records, the store is as the
    // kill left it.
    const relaunched = await launchFirefox(options);
    firefox = relaunched;
    const view = await openExtensionTab(relaunched.browser, 'src/assets/icon-128.png');
    const integrity = await storeIntegrity(relaunched.browser, view);
    expect(integrity.problems).toEqual([]);
    const all = await storedSpans(relaunched.browser, view);
    const kept = ticks.checkStore(all, storedEarlier, killed.at);
    await annotate(
      `SIGKILL of Firefox's main process (${String(processes)} processes) on request #${String(killed.tick)}: ${String(seen)} requests reached the server; relaunched on the same profile with the add-on installed again under its pinned UUID: ${String(kept.stored)} stored intact (${String(integrity.chunks)} chunks, every record well formed; the ${String(storedEarlier.length)} spans read before the kill unchanged), ${String(kept.lost)} lost, their ages at the kill: ${kept.ages} (flush delay ${String(FLUSH_DELAY_MS)} ms)`,
      'figure',
    );
  });
});
