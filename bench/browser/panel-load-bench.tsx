/**
 * The Traces panel timing itself while requests are recorded, for bench/panel-load.bench.ts:
 * built with `vite build --mode bench` and opened with no automation attached. Once every stored
 * row is shown, the page records `?n=` requests spread evenly over `?ms=` through the devtools
 * page's own recording path (src/devtools/recording.ts: HAR entry → span → batched IndexedDB
 * writes → a notice to every panel), on this same main thread, as the devtools page shares the
 * extension's renderer with the panel. Meanwhile a user types into the filter, a key every
 * 150 ms; every key is timed from when it was pressed (due) to the next painted frame, so a key
 * that waits behind a long task counts its wait, and animation frames are timed too. Then the page waits for the panel to show every row the load added.
 */
import { render } from 'preact';
import { DEFAULT_CONFIG } from '../../src/core/config/schema';
import { pooledRandom } from '../../src/core/propagation';
import { App } from '../../src/devtools/panel/App';
import '../../src/devtools/panel/panel.css';
import { startRecording } from '../../src/devtools/recording';
import { noticeSender } from '../../src/platform/notices';
import { openSpanStore } from '../../src/platform/span-store';
import fixture from '../../test/fixtures/har/fetch-200.json';
import { keystrokeDue, painted, when } from './dom-timing';
import type { PanelLoadReport } from './panel-load-protocol';

/** Typed key by key, then cleared, over and over while the load runs. */
const TYPED = 'status:5xx';
/** A brisk typist's keys, one every this many ms, whether or not the last one has shown yet. */
const KEY_INTERVAL_MS = 150;
const WAVES = 100;
const CATCH_UP_PATIENCE_MS = 30_000;

const params = new URLSearchParams(location.search);

async function say(report: PanelLoadReport): Promise<void> {
  await fetch(params.get('report') ?? '', { method: 'POST', body: JSON.stringify(report) });
}

/** The total the filter bar shows: "N requests" or "shown / N requests". */
function totalRows(): number {
  const numbers = document.querySelector('.counts')?.textContent.match(/[\d,]+/g) ?? [];
  return Number((numbers.at(-1) ?? '0').replaceAll(',', ''));
}

type FrameFigures = Pick<
  Extract<PanelLoadReport, { phase: 'loaded' }>,
  'longestFrameMs' | 'frames' | 'framesOver50Ms' | 'blockingMs'
>;

/** Times animation frames (and long ones, where Chromium reports them) until `stop()`. */
function watchFrames(): { stop(): FrameFigures } {
  const gaps: number[] = [];
  let last = performance.now();
  let running = true;
  const tick = (now: number) => {
    gaps.push(now - last);
    last = now;
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  let blockingMs: number | null = null;
  let observer: PerformanceObserver | null = null;
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
    blockingMs = 0;
    observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) blockingMs = (blockingMs ?? 0) + entry.duration - 50;
    });
    observer.observe({ type: 'long-animation-frame' });
  }
  return {
    stop() {
      running = false;
      observer?.disconnect();
      return {
        longestFrameMs: Math.max(0, ...gaps),
        frames: gaps.length,
        framesOver50Ms: gaps.filter((g) => g > 50).length,
        blockingMs,
      };
    },
  };
}

/**
 * Hands `n` finished requests to the recorder in even waves over `ms`, as DevTools would: each
 * entry the captured fetch() with its own URL and the current time. Resolves with the time the
 * last one was handed over.
 */
function recordLoad(n: number, ms: number): Promise<number> {
  const { recorder } = startRecording({
    tabId: 1,
    store: openSpanStore(),
    notify: noticeSender(),
    random: pooledRandom((bytes) => {
      crypto.getRandomValues(bytes);
    }),
    pageView: () => Promise.resolve(null),
    pageUrl: () => Promise.resolve(fixture.pageUrl),
    settings: () => DEFAULT_CONFIG,
    ownOrigin: location.origin,
  });
  const [template] = fixture.entries;
  let handed = 0;
  return new Promise((resolve) => {
    for (let wave = 0; wave < WAVES; wave++) {
      setTimeout(
        () => {
          for (const end = Math.round((n * (wave + 1)) / WAVES); handed < end; handed++) {
            recorder.record({
              ...template,
              startedDateTime: new Date().toISOString(),
              request: { ...template?.request, url: `${fixture.pageUrl}&load=${String(handed)}` },
            });
          }
          if (wave === WAVES - 1) resolve(performance.now());
        },
        (wave * ms) / WAVES,
      );
    }
  });
}

async function run(): Promise<void> {
  const root = document.getElementById('app');
  if (root === null) return;
  render(<App />, root);
  await when(() => document.querySelector('main[data-phase="complete"]') !== null);
  await painted();
  const input = document.querySelector<HTMLInputElement>('[role="searchbox"]');
  if (input === null) throw new Error('the panel has no filter box');
  const rowsBefore = totalRows();
  await say({ phase: 'ready', rowsBefore });

  const n = Number(params.get('n'));
  const frames = watchFrames();
  const typing = new AbortController();
  const loaded = recordLoad(n, Number(params.get('ms'))).finally(() => {
    typing.abort();
  });
  const keystrokes: number[] = [];
  const typed: string[] = [];
  const typingFrom = performance.now();
  for (let k = 0; !typing.signal.aborted; k++) {
    const text = TYPED.slice(0, (k + 1) % (TYPED.length + 1));
    keystrokes.push(await keystrokeDue(input, text, typingFrom + k * KEY_INTERVAL_MS));
    typed.push(text);
  }
  const lastHandedAt = await loaded;
  await say({ phase: 'loaded', keystrokes, typed, ...frames.stop(), requests: n });

  const caughtUp = await Promise.race([
    when(() => totalRows() >= rowsBefore + n),
    new Promise<null>((resolve) => {
      setTimeout(() => {
        resolve(null);
      }, CATCH_UP_PATIENCE_MS);
    }),
  ]);
  await say({
    phase: 'caught-up',
    lagMs: caughtUp === null ? null : Math.max(0, caughtUp - lastHandedAt),
    rowsAfter: totalRows(),
  });
}

void run();
