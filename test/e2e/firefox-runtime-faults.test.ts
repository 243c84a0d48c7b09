/**
 * Issue #13 on Firefox: the background (an event page, which Firefox suspends when idle) stopped
 * around a settings change and in the middle of an export. Each stop is Firefox's own
 * terminateBackground, and each is shown to have happened: the old page's global scope is gone,
 * and what runs afterwards is a new page that only storage could have told anything.
 *
 * Settings: a target removed, a target added and the site turned off, with the background
 * stopped before the write, after it, or as it lands. No request ever goes out by the old
 * settings once the new ones are stored, a request that wakes the background waits for them, a
 * third party sees no header at any point, and a request in flight across the stop keeps being
 * judged as the enabled page's request it was.
 *
 * Export: the background stopped while the receiver holds its answer to a batch, and while it
 * waits out a Retry-After with nothing in flight. Nothing from the test wakes it: in the first
 * case Firefox fails the stopped page's request and that event starts a new page, which resumes
 * as it starts; in the second only the resume alarm is left, and it does. Every span arrives.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ExportStatus } from '../../src/shared/messages';
import { bundleHarness } from '../support/bundle';
import { exportSettings, testConfig } from '../support/extension-config';
import { launchFirefox, type FirefoxSession } from '../support/firefox';
import {
  backgroundMarker,
  backgroundState,
  markBackground,
  NO_IDLE_SUSPEND,
  recordWakes,
  terminateBackground,
  wakeEvents,
} from '../support/firefox-background';
import { evaluateIn, openExtensionTab, runScript } from '../support/firefox-chrome';
import { FAULT_ORIGINS, headersAtEach } from '../support/leak-checks';
import { fetchEach, startEach, type Send } from '../support/leak-page-scripts';
import { PAGE_HEADERS } from '../support/leak-paths';
import { startOtlpBackend, type OtlpBackend } from '../support/otlp-backend';
import { poll } from '../support/poll';
import { propagationHeaderNames, traceparentFields } from '../support/propagation-check';
import { firefoxStoredSpans } from '../support/stored-spans';
import {
  HOST_NAMES,
  startTraceServers,
  type OriginName,
  type TraceServers,
} from '../support/trace-servers';

/** strict.test is a target; api.test is not, so it is a third party like third.test. */
const OLD = testConfig({ targets: [{ match: 'http://strict.test:*', mode: 'network' }] });
/** strict.test removed, api.test added, a new baggage value. */
const NEW = testConfig({
  targets: [{ match: 'http://api.test:*', mode: 'page' }],
  baggage: [{ key: 'user.id', value: '67890' }],
});
/** The site turned off: no request of the page is touched. */
const OFF = { ...NEW, sites: [] };

/** Asks the background to stop and checks that it did: the page and its marker are gone. */
async function stopBackground(firefox: FirefoxSession, view: string, marker: string) {
  await markBackground(firefox.browser, view, marker);
  expect(await backgroundMarker(firefox.browser, view)).toBe(marker);
  expect(await terminateBackground(firefox.browser)).toBe('stopped');
  // No page, or already a new one for an event that came since: the old global is gone either way.
  expect([null, '']).toContain(await backgroundMarker(firefox.browser, view));
}

describe('Firefox: the background stopped around a settings change', () => {
  let firefox: FirefoxSession;
  let servers: TraceServers;
  let page: Page;
  /** The icon as a document: an extension page that runs none of our scripts. */
  let quiet: string;

  /** Whether the background has finished applying `config` (it adds defaults to what it got). */
  const applied = async (config: Record<string, unknown>) => {
    const state = await evaluateIn<Record<string, unknown> | null>(
      firefox.browser,
      quiet,
      `browser.storage.session.get('appliedConfig').then((s) => s.appliedConfig ?? null)`,
    );
    return Object.entries(config).every(([key, value]) => isDeepStrictEqual(state?.[key], value));
  };
  const write = (config: Record<string, unknown>) =>
    evaluateIn<null>(
      firefox.browser,
      quiet,
      `browser.storage.local.set({ config: ${JSON.stringify(config)} }).then(() => null)`,
    );
  /** One request from the page to each origin, one after another; what each received. */
  const sendEach = (tag: string) =>
    headersAtEach(servers, (list) => page.evaluate(fetchEach, list), tag);
  /** What NEW sends: traceparent and the new baggage to the page and api.test, nothing else. */
  const expectNew = (got: Record<OriginName, IncomingHttpHeaders>, tag: string) => {
    for (const name of ['app', 'api'] as const) {
      expect(propagationHeaderNames(got[name]).sort(), `${tag}: ${name}`).toEqual([
        'baggage',
        'traceparent',
      ]);
      expect(got[name].baggage, `${tag}: ${name}`).toBe('user.id=67890');
      expect(traceparentFields(got[name].traceparent), `${tag}: ${name}`).not.toBeNull();
    }
    expect(propagationHeaderNames(got.strict), `${tag}: the removed target`).toEqual([]);
    expect(propagationHeaderNames(got.third), `${tag}: the third party`).toEqual([]);
  };

  beforeAll(async () => {
    servers = await startTraceServers();
    firefox = await launchFirefox({
      storage: { config: OLD },
      loopbackHosts: HOST_NAMES,
      privileged: true,
      prefs: NO_IDLE_SUSPEND,
    });
    page = await firefox.browser.newPage();
    await page.goto(servers.url('app', '/'));
    quiet = await openExtensionTab(firefox.browser, 'src/assets/icon-128.png');
  });
  afterAll(async () => {
    await firefox.close();
    await servers.close();
  });

  test('stopped before the write, after it, and as it lands: the woken page follows what is stored', async ({
    annotate,
  }) => {
    const before = await sendEach('before');
    expect(before.strict.baggage).toBe('user.id=12345');
    expect(propagationHeaderNames(before.api)).toEqual([]);
    expect(propagationHeaderNames(before.third)).toEqual([]);

    // 1. Stopped, then the write: the stored settings are new before any page runs to hear them.
    await recordWakes(firefox.browser);
    await stopBackground(firefox, quiet, 'before-the-write');
    await write(NEW);
    // At once: a request the background may still be starting for waits for it, by NEW.
    expectNew(await sendEach('written-while-stopped'), 'written while stopped');
    expect(await backgroundMarker(firefox.browser, quiet)).toBe('');
    const wokenByWrite = await wakeEvents(firefox.browser);
    expect(wokenByWrite[0]).toBe('storage.local.onChanged');

    // 2. Stopped after NEW was applied; nothing else happens until a request wakes it, and that
    //    request waits for the page to read the stored settings.
    await recordWakes(firefox.browser);
    await stopBackground(firefox, quiet, 'after-the-write');
    expect(await backgroundState(firefox.browser)).toBe('stopped');
    expectNew(await sendEach('woken-by-a-request'), 'woken by a request');
    expect(await backgroundMarker(firefox.browser, quiet)).toBe('');
    const wokenByRequest = await wakeEvents(firefox.browser);
    expect(wokenByRequest[0]).toBe('webRequest.onBeforeSendHeaders');

    // 3. The site turned off and the background stopped as the write lands, while two requests
    //    of the page are held at its own origin on their way to a redirect to the third party:
    //    one carries our headers, one the page's own.
    const third = (tag: string) => servers.url('third', `/echo?p=${tag}`);
    const held = (id: string, headers: Record<string, string> = {}): Send => ({
      url: servers.url('app', `/held?id=${id}&status=307&to=${encodeURIComponent(third(id))}`),
      headers,
    });
    servers.clear();
    await page.evaluate(startEach, [held('ours'), held('own', { ...PAGE_HEADERS })]);
    const hops = await poll(
      () => {
        const all = servers.received('app', '/held').filter((r) => r.method !== 'OPTIONS');
        return all.length === 2 ? all : undefined;
      },
      { what: 'both held requests at the page origin' },
    );
    expect(hops.every((r) => traceparentFields(r.headers.traceparent) !== null)).toBe(true);
    await recordWakes(firefox.browser);
    await markBackground(firefox.browser, quiet, 'as-the-write-lands');
    const writtenAt = Date.now();
    await write(OFF);
    const state = await terminateBackground(firefox.browser);
    const stoppedAt = Date.now();
    expect(state).toBe('stopped');
    expect([null, '']).toContain(await backgroundMarker(firefox.browser, quiet));
    const appliedAtStop = (await applied(OFF)) ? 'applied' : 'not yet applied';
    await servers.gates.release('ours');
    await servers.gates.release('own');
    const redirected = await poll(
      () => {
        const all = servers.received('third', '/echo?p=').filter((r) => r.method !== 'OPTIONS');
        return all.length === 2 ? all : undefined;
      },
      { what: 'both redirected requests at the third party' },
    );
    for (const request of redirected)
      expect(propagationHeaderNames(request.headers), request.path).toEqual([]);
    const wokenByHop = await wakeEvents(firefox.browser);
    expect(wokenByHop[0]).toBe('webRequest.onBeforeSendHeaders');
    const off = await sendEach('site-off');
    for (const name of FAULT_ORIGINS) expect(propagationHeaderNames(off[name]), name).toEqual([]);
    await page.reload();
    const reloaded = await sendEach('site-off-reloaded');
    for (const name of FAULT_ORIGINS)
      expect(propagationHeaderNames(reloaded[name]), name).toEqual([]);
    expect(await backgroundMarker(firefox.browser, quiet)).toBe('');
    expect(await applied(OFF)).toBe(true);

    await annotate(
      `three stops, each proven (the old page's global gone, a new one after). Written while stopped, woken by ${wokenByWrite.join(', ')}: the added target and the page got the new baggage at once, the removed target nothing. Stopped after the write, woken by ${wokenByRequest.join(', ')}: the same. The site turned off and the background stopped ${String(stoppedAt - writtenAt)} ms after the write (${appliedAtStop} by then) with 2 requests held mid-redirect, woken by ${wokenByHop.join(', ')}: the third party got no header from either (one carried the page's own), nor any request after`,
      'figure',
    );
  });
});

describe('Firefox: the background stopped mid-export', () => {
  let firefox: FirefoxSession;
  let backend: OtlpBackend;
  let quiet: string;
  let next = 0;

  const ask = <T>(name: string, payload: unknown) =>
    evaluateIn<T>(
      firefox.browser,
      quiet,
      `browser.runtime.sendMessage({ protocol: 1, name: ${JSON.stringify(name)}, payload: ${JSON.stringify(payload)} }).then((r) => r.value)`,
    );
  /** Seeds `count` spans with new ids; resolves with the ids of every unexported span. */
  const seedMore = async (count: number) => {
    await evaluateIn<number>(
      firefox.browser,
      quiet,
      `seeding.seed(${String(count)}, 7, ${String(next)})`,
    );
    next += count;
    const stored = await firefoxStoredSpans(firefox.browser, quiet);
    return stored.filter((s) => s.exported === 0).map((s) => s.spanId);
  };
  /** Every span of `expected` at the receiver, polled without a word to the extension. */
  const allReceived = (expected: readonly string[]) =>
    poll(
      () => {
        const ids = new Set(backend.spans.map((s) => s.spanId));
        return expected.every((id) => ids.has(id)) ? ids : undefined;
      },
      { what: 'every seeded span at the receiver after the resume', timeoutMs: 60_000 },
    );
  /** The alarm that resumes a run a stopped background left halfway, as extension pages see it. */
  const resumeAlarm = () =>
    evaluateIn<{ scheduledTime: number } | null>(
      firefox.browser,
      quiet,
      `browser.alarms.get('export-resume').then((a) => a ?? null)`,
    );
  const exportEnded = () =>
    poll(
      async () => {
        const s = await ask<ExportStatus>('export/status', null);
        return s.running || s.last === null ? undefined : s;
      },
      { what: 'the export to end' },
    );

  beforeAll(async () => {
    backend = await startOtlpBackend();
    firefox = await launchFirefox({
      storage: { config: testConfig({ export: exportSettings(backend.tracesUrl) }) },
      privileged: true,
      prefs: NO_IDLE_SUSPEND,
    });
    quiet = await openExtensionTab(firefox.browser, 'src/assets/icon-128.png');
    await runScript(
      firefox.browser,
      quiet,
      await bundleHarness('test/support/seed-spans.ts', 'seeding'),
    );
  });
  afterAll(async () => {
    await firefox.close();
    await backend.close();
  });

  test('stopped with a batch at the receiver: the failed request wakes a new page, which resumes', async ({
    annotate,
  }) => {
    const expected = await seedMore(3500);
    expect(expected.length).toBeGreaterThan(3000); // four batches at least
    let release = () => {};
    backend.answer(
      { kind: 'accept' },
      { kind: 'hold', release: new Promise<void>((resolve) => (release = resolve)) },
    );
    await ask('export/run', {});
    // The second batch is at the receiver and its answer held: stop the background now.
    await poll(() => (backend.requests.length >= 2 ? true : undefined), {
      what: 'the second export request',
    });
    const alarm = await resumeAlarm();
    expect(alarm).not.toBeNull();
    await recordWakes(firefox.browser);
    await stopBackground(firefox, quiet, 'mid-export');
    const stoppedAt = Date.now();
    release();
    const received = await allReceived(expected);
    const resumedAt = backend.requests[2]?.at ?? Number.NaN;
    // Firefox ended the stopped page's request, and that event of our own listener woke a new one,
    // which resumed as it started: before the resume alarm was even due.
    const wakes = await wakeEvents(firefox.browser);
    expect(wakes[0]).toBe('webRequest.onErrorOccurred');
    expect(resumedAt).toBeLessThan(alarm?.scheduledTime ?? 0);
    expect(await backgroundMarker(firefox.browser, quiet)).toBe('');
    expect(received.size).toBe(expected.length);
    const twice = backend.spans.length - received.size;
    // Duplicates come only from the batch whose answer never arrived.
    expect(twice).toBeLessThanOrEqual(1000);
    const status = await exportEnded();
    expect(status.unexported).toBe(0);
    expect(status.last).toMatchObject({ ok: true });
    await annotate(
      `${String(expected.length)} spans, the background stopped (proven) while batch 2's answer was held: woken by ${wakes.join(', ')} (its own export request, failed by the stop), the new page resumed ${String(resumedAt - stoppedAt)} ms after the stop, ${String(Math.round(((alarm?.scheduledTime ?? 0) - resumedAt) / 1000))} s before the resume alarm was due; all ${String(received.size)} arrived, ${String(twice)} twice`,
      'figure',
    );
  });

  test('stopped while waiting to retry: only the resume alarm is left to wake it, and it does', async ({
    annotate,
  }) => {
    backend.clear();
    const expected = await seedMore(1500);
    expect(expected.length).toBeGreaterThanOrEqual(1500);
    backend.answer({ kind: 'status', status: 503, headers: { 'retry-after': '5' }, body: 'busy' });
    await ask('export/run', {});
    // The 503 is answered and the run waits out Retry-After in the page: nothing is in flight.
    const waiting = await poll(
      async () => {
        const s = await ask<ExportStatus>('export/status', null);
        return s.running && s.retryAt !== null ? s : undefined;
      },
      { what: 'the export to wait for its retry' },
    );
    const alarm = await resumeAlarm();
    await recordWakes(firefox.browser);
    await stopBackground(firefox, quiet, 'waiting-to-retry');
    const stoppedAt = Date.now();
    const received = await allReceived(expected);
    const resumedAt = backend.requests[1]?.at ?? Number.NaN;
    expect(await wakeEvents(firefox.browser)).toEqual(['alarms.onAlarm']);
    expect(resumedAt).toBeGreaterThanOrEqual(alarm?.scheduledTime ?? Number.POSITIVE_INFINITY);
    expect(await backgroundMarker(firefox.browser, quiet)).toBe('');
    const [refused, ...after] = backend.requests.map((r) => r.answer);
    expect(refused).toBe(503);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((answer) => answer === 200)).toBe(true);
    expect(resumedAt).toBeGreaterThan(waiting.retryAt ?? Number.POSITIVE_INFINITY);
    expect(backend.spans.length).toBe(received.size);
    expect((await exportEnded()).unexported).toBe(0);
    await annotate(
      `${String(expected.length)} spans, the background stopped (proven) while it waited out a 503's Retry-After: 5 with nothing in flight: the resume alarm woke it ${String(Math.round((resumedAt - stoppedAt) / 1000))} s later, and it sent all ${String(received.size)}, none twice`,
      'figure',
    );
  });
});
