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
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RecordedSpan } from '../../src/core/span/model';
import { FLUSH_DELAY_MS } from '../../src/devtools/recorder/batcher';
import { processesOfFirefox } from '../support/browser-process';
import { testConfig } from '../support/extension-config';
import { launchFirefox, type FirefoxOptions, type FirefoxSession } from '../support/firefox';
import { evaluateIn, openDevtools, openExtensionTab } from '../support/firefox-chrome';
import { html, startServer, type LocalServer } from '../support/http-server';
import { poll } from '../support/poll';
import { traceparentFields } from '../support/propagation-check';
import { readIntegrity, readStoredSpans, type StoreIntegrity } from '../support/stored-spans';

/** Spans stored before the kill, so it lands in the middle of recording, not at its start. */
const STORED_BEFORE_KILL = 100;
/**
 * What a span may wait beyond the flush delay before its batch is on disk: the same margin as
 * the Chromium test's (chromium-crash-faults.test.ts), as long as the delay itself.
 */
const IN_FLIGHT_MS = 250;

interface Tick {
  /** The traceparent the request carried (Firefox: the client span's own id). */
  readonly traceparent: string | string[] | undefined;
  /** When the server finished sending the answer (epoch ms), if it did. */
  endedAt?: number;
}

const isTick = (url: unknown) => /\/tick\?n=\d+$/.test(String(url));

/** Every span in the extension's IndexedDB, read from an extension page with plain IndexedDB. */
const storedSpans = (browser: Browser, view: string) =>
  evaluateIn<RecordedSpan[]>(browser, view, `(${readStoredSpans.toString()})('trace-capture')`);
const storeIntegrity = (browser: Browser, view: string) =>
  evaluateIn<StoreIntegrity>(browser, view, `(${readIntegrity.toString()})('trace-capture')`);

describe('Firefox: the browser killed mid-recording', () => {
  let profile: string;
  let server: LocalServer;
  let firefox: FirefoxSession | undefined;
  const ticks = new Map<number, Tick>();
  /** The server kills the browser when this request arrives, wherever the recorder is then. */
  let killOn = Number.POSITIVE_INFINITY;
  let kill = () => {};

  beforeAll(async () => {
    profile = await mkdtemp(join(tmpdir(), 'trace-capture-firefox-crash-'));
    server = await startServer({
      '/': html('<!doctype html><title>stream</title><body>stream</body>'),
      '/tick': (req, res, url) => {
        const n = Number(url.searchParams.get('n'));
        const tick: Tick = { traceparent: req.headers.traceparent };
        ticks.set(n, tick);
        if (n >= killOn) kill();
        res.on('finish', () => {
          tick.endedAt = Date.now();
        });
        res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
        res.end('ok');
      },
    });
  });
  afterAll(async () => {
    await firefox?.close();
    await server.close();
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
    await page.goto(`http://app.test:${String(server.port)}/`);
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
    await page.evaluate(() => {
      void (async () => {
        for (let n = 0; ; n++) {
          await fetch(`/tick?n=${String(n)}`).then((r) => r.text());
          // A steady stream: one request every round trip plus 10 ms, until the kill.
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      })();
    });
    const storedEarlier = await poll(
      async () => {
        const all = await storedSpans(recording.browser, quiet);
        const ticked = all.filter((s) => isTick(s.attributes['url.full'])).length;
        return ticked >= STORED_BEFORE_KILL ? all : undefined;
      },
      { what: `${String(STORED_BEFORE_KILL)} recorded requests` },
    );

    // The kill's moment is the fault injected. A request number, not a poll of the store, picks
    // it: a poll would see a commit and so kill just after one, never late in a batch's wait.
    const pid = recording.pid;
    const processes = (await processesOfFirefox(pid)).length;
    const gone = new Promise((resolve) => recording.browser.once('disconnected', resolve));
    const killed = new Promise<number>((resolve) => {
      kill = () => {
        kill = () => {};
        const at = Date.now();
        process.kill(pid, 'SIGKILL');
        resolve(at);
      };
    });
    killOn = ticks.size + 10 + Math.floor(Math.random() * 40);
    const killedAt = await killed;
    await gone;
    const seen = ticks.size;
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
    // What the store held some moments before the kill is there, every span exactly as it was.
    const keyOf = (s: RecordedSpan) => `${s.traceId}/${s.spanId}`;
    const byKey = new Map(all.map((s) => [keyOf(s), s]));
    expect(storedEarlier.map((s) => byKey.get(keyOf(s)))).toEqual(storedEarlier);
    const stored = new Map(
      all
        .filter((s) => isTick(s.attributes['url.full']))
        .map((s) => [Number(new URL(String(s.attributes['url.full'])).searchParams.get('n')), s]),
    );
    // Each stored span is the request the server saw, with the id that request carried.
    for (const [n, span] of stored) {
      const sent = traceparentFields(ticks.get(n)?.traceparent);
      expect(sent, `tick ${String(n)}`).not.toBeNull();
      expect(span).toMatchObject({ traceId: sent?.traceId, spanId: sent?.spanId, kind: 3 });
      expect(span.attributes['http.response.status_code']).toBe(200);
    }
    const lost = [...ticks.keys()].filter((n) => !stored.has(n)).sort((a, b) => a - b);
    const lastStored = Math.max(...stored.keys());
    // No hole: what is missing is the tail of the stream, never a request in its middle.
    expect(lost.every((n) => n > lastStored)).toBe(true);
    expect(stored.size).toBe(lastStored + 1);
    // A request still unanswered at the kill never ended; those that did, ended just before it.
    const ages = lost.flatMap((n) => {
      const endedAt = ticks.get(n)?.endedAt;
      return endedAt === undefined ? [] : [killedAt - endedAt];
    });
    for (const age of ages) expect(age).toBeLessThanOrEqual(FLUSH_DELAY_MS + IN_FLIGHT_MS);
    // A negative age: the answer went out as the kill landed.
    const agesText = ages.length === 0 ? 'none answered' : `${ages.join(', ')} ms`;
    await annotate(
      `SIGKILL of Firefox's main process (${String(processes)} processes) on request #${String(killOn)}: ${String(seen)} requests reached the server; relaunched on the same profile with the add-on installed again under its pinned UUID: ${String(stored.size)} stored intact (${String(integrity.chunks)} chunks, every record well formed; the ${String(storedEarlier.length)} spans read before the kill unchanged), ${String(lost.length)} lost, their ages at the kill: ${agesText} (flush delay ${String(FLUSH_DELAY_MS)} ms)`,
      'figure',
    );
  });
});
