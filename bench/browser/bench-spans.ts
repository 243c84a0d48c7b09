/**
 * What the store benchmark stores: spans mapped from a HAR entry captured from Chromium, one
 * per request, 10 ms apart, as a page's requests are, in page views of 500 requests; plus two
 * 50-span traces, one recorded in one go and one spread over the whole store.
 */
import { pooledRandom } from '../../src/core/propagation';
import { harEntryToSpan } from '../../src/core/span';
import type { RecordedSpan } from '../../src/core/span/model';

export const CLUSTERED_TRACE = 'c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1';
export const SPREAD_TRACE = '5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b';
export const TRACE_SPANS = 50;

const START = Date.UTC(2026, 10, 22, 17, 0, 0);
const GAP_MS = 10;
const PAGE_VIEW_REQUESTS = 500;

interface HarTemplate {
  readonly request: { readonly url: string };
}

/** Entry `i`: a distinct URL and start time, the rest as captured. */
export function harEntry(template: unknown, i: number): unknown {
  const base = template as HarTemplate;
  return {
    ...base,
    startedDateTime: new Date(START + i * GAP_MS).toISOString(),
    request: { ...base.request, url: `${base.request.url}?n=${String(i)}` },
  };
}

export function mapContext() {
  return {
    tabId: 1,
    pageViewId: '00f067aa0ba902b7',
    pageUrl: 'http://app.test/',
    pageView: null,
    sensitiveParams: ['token'],
    random: pooledRandom((bytes) => {
      crypto.getRandomValues(bytes);
    }),
  };
}

/** `count` spans; the two benchmark traces are every `count / 50`-th span and 50 in a row. */
export function benchSpans(template: unknown, count: number): RecordedSpan[] {
  const ctx = mapContext();
  const spread = Math.floor(count / TRACE_SPANS);
  // 60 % of the way in, clear of the spread trace's spans (every `spread`-th, offset 7).
  const clusteredFrom = Math.floor((count * 0.6) / spread) * spread + 8;
  const spans: RecordedSpan[] = [];
  for (let i = 0; i < count; i++) {
    const pageViewId = (0x1000 + Math.floor(i / PAGE_VIEW_REQUESTS)).toString(16).padStart(16, '0');
    const result = harEntryToSpan(harEntry(template, i), { ...ctx, pageViewId });
    if (result.kind !== 'span') throw new Error(`entry ${String(i)} did not map: ${result.kind}`);
    let span = result.span;
    if (i % spread === 7) span = { ...span, traceId: SPREAD_TRACE };
    else if (i >= clusteredFrom && i < clusteredFrom + TRACE_SPANS) {
      span = { ...span, traceId: CLUSTERED_TRACE };
    }
    spans.push(span);
  }
  return spans;
}

export interface Sample {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export function sample(values: readonly number[]): Sample {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[mid] ?? 0)
      : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0, runs: sorted.length };
}

/** Runs `a` and `b` in turn, `rounds` times each, alternating which goes first. */
export async function interleaved(
  rounds: number,
  a: () => Promise<number>,
  b: () => Promise<number>,
): Promise<[Sample, Sample]> {
  const as: number[] = [];
  const bs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      as.push(await a());
      bs.push(await b());
    } else {
      bs.push(await b());
      as.push(await a());
    }
  }
  return [sample(as), sample(bs)];
}

/** How long `run` takes, in milliseconds. */
export async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}
