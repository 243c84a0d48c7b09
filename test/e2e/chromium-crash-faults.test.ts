/**
 * Issue #13, the browser killed mid-recording: Chromium gets SIGKILL (no clean shutdown, as in a
 * crash or a power cut of the process) while DevTools records a steady stream of requests. After
 * a relaunch on the same profile, every span stored before the kill is intact, and the only
 * requests missing are the last ones, which the recorder was still holding for its next batch.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FLUSH_DELAY_MS } from '../../src/devtools/recorder/batcher';
import { chromiumBrowserPid, processesOfProfile } from '../support/browser-process';
import { launchChromium, type ChromiumSession } from '../support/chromium';
import {
  isTick,
  STORED_BEFORE_KILL,
  startTickServer,
  streamTicks,
  type TickServer,
} from '../support/crash-stream';
import { applyConfig, testConfig } from '../support/extension-config';
import { reloadOnceRecording, tabIdOf } from '../support/extension-state';
import { poll } from '../support/poll';
import { storedSpans, storeIntegrity } from '../support/stored-spans';

describe('Chromium: the browser killed mid-recording', () => {
  let profile: string;
  let ticks: TickServer;
  let browser: ChromiumSession | undefined;

  beforeAll(async () => {
    profile = await mkdtemp(join(tmpdir(), 'trace-capture-crash-'));
    ticks = await startTickServer();
  });
  afterAll(async () => {
    await browser?.close();
    await ticks.server.close();
    await rm(profile, { recursive: true, force: true });
  });

  test('SIGKILL while recording: stored spans intact, only the last unflushed ones missing', async ({
    annotate,
  }) => {
    const recording = await launchChromium({
      devtools: true,
      userDataDir: profile,
      loopbackHosts: ['app.test'],
    });
    browser = recording;
    await applyConfig(recording.worker, testConfig());
    const page = await recording.context.newPage();
    await page.goto(`http://app.test:${String(ticks.server.port)}/`);
    await reloadOnceRecording(recording.worker, page, await tabIdOf(recording.worker, page.url()));
    await page.evaluate(streamTicks);
    const storedEarlier = await poll(
      async () => {
        const all = await storedSpans(recording.worker);
        const ticked = all.filter((s) => isTick(s.attributes['url.full'])).length;
        return ticked >= STORED_BEFORE_KILL ? all : undefined;
      },
      { what: `${String(STORED_BEFORE_KILL)} recorded requests` },
    );

    const pid = await chromiumBrowserPid(profile);
    const gone = new Promise((resolve) => recording.context.once('close', resolve));
    const killed = await ticks.killOnLaterTick(pid);
    await gone;
    const seen = ticks.seen();
    await poll(async () => ((await processesOfProfile(profile)).length === 0 ? true : undefined), {
      what: 'every process of the killed browser to end',
    });

    // The same profile again, without DevTools: nothing records, the store is as the kill left it.
    browser = await launchChromium({ userDataDir: profile });
    const integrity = await storeIntegrity(browser.worker);
    expect(integrity.problems).toEqual([]);
    const kept = ticks.checkStore(await storedSpans(browser.worker), storedEarlier, killed.at);
    await annotate(
      `SIGKILL on request #${String(killed.tick)}: ${String(seen)} requests reached the server, ${String(kept.stored)} stored intact (${String(integrity.chunks)} chunks, every record well formed; the ${String(storedEarlier.length)} spans read before the kill unchanged), ${String(kept.lost)} lost, their ages at the kill: ${kept.ages} (flush delay ${String(FLUSH_DELAY_MS)} ms)`,
      'figure',
    );
  });
});
