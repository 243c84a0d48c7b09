import { describe, expect, test } from 'vitest';
import { harEntryToSpan } from '../../../src/core/span/har-to-span';
import type { RecordedSpan } from '../../../src/core/span/model';
import {
  breakdownOptions,
  timingBreakdown,
} from '../../../src/devtools/panel/model/timing-breakdown';
import { failedEntry, FULL_TIMINGS, harEntry, mapContext } from '../span/har-entries';
import { fixtureSpans } from './fixture-spans';

function recorded(entry: unknown): RecordedSpan {
  const result = harEntryToSpan(entry, mapContext());
  if (result.kind !== 'span') throw new Error(`not a span: ${JSON.stringify(result)}`);
  return result.span;
}

/** Rounded to µs: epoch times in ms carry about 0.2 µs of floating-point error. */
function table(span: RecordedSpan, queueingMs?: number) {
  return timingBreakdown(span, queueingMs === undefined ? {} : { queueingMs }).phases.map((p) => [
    p.label,
    Number(p.start.toFixed(3)),
    Number(p.duration.toFixed(3)),
    p.includes ?? [],
  ]);
}

describe('timingBreakdown from the recorded events', () => {
  // blocked 2, dns 3, connect 10 (ssl 6), send 1, wait 20, receive 4 (docs/spans.md's example).
  const fresh = recorded(harEntry({ timings: FULL_TIMINGS, url: 'https://api.example.com/x' }));

  test("a fresh TLS connection: the Timing tab's rows, in its order", () => {
    expect(table(fresh)).toEqual([
      ['Stalled', 0, 2, ['Queueing']],
      ['DNS Lookup', 2, 3, []],
      ['Initial connection', 5, 10, []],
      ['SSL', 9, 6, []],
      ['Waiting for server response', 15, 21, ['Request sent']],
      ['Content Download', 36, 4, []],
    ]);
    expect(timingBreakdown(fresh).total).toBe(40);
    expect(timingBreakdown(fresh).phases.map((p) => p.section)).toEqual([
      'Connection Start',
      'Connection Start',
      'Connection Start',
      'Connection Start',
      'Request/Response',
      'Request/Response',
    ]);
  });

  test('with a queueing time, Queueing and Stalled are split', () => {
    expect(table(fresh, 1.5).slice(0, 2)).toEqual([
      ['Queueing', 0, 1.5, []],
      ['Stalled', 1.5, 0.5, []],
    ]);
    // Never more queueing than blocked time.
    expect(table(fresh, 99).slice(0, 2)).toEqual([
      ['Queueing', 0, 2, []],
      ['Stalled', 2, 0, []],
    ]);
  });

  test('a reused connection: no DNS or connection rows', () => {
    const [get] = fixtureSpans('fetch-200');
    expect(table(get as RecordedSpan).map((r) => r[0])).toEqual([
      'Stalled',
      'Waiting for server response',
      'Content Download',
    ]);
  });

  test('a refused connection: blocked until it failed, nothing after', () => {
    const failed = recorded(
      failedEntry('https://closed.example.com/', 'net::ERR_CONNECTION_REFUSED', 9.374),
    );
    expect(table(failed)).toEqual([['Stalled', 0, 9.374, ['Queueing']]]);
  });

  test('phases add up to the span for a contiguous HAR timeline (ssl inside connect)', () => {
    const phases = timingBreakdown(fresh).phases.filter((p) => p.id !== 'ssl');
    expect(phases.reduce((sum, p) => sum + p.duration, 0)).toBeCloseTo(40, 9);
  });

  test('a span without events (the page-view span, an import without them): no phases', () => {
    const { events: _, ...rest } = fresh;
    expect(timingBreakdown({ ...rest, events: [] })).toEqual({ phases: [], total: 40 });
  });

  test('OpenTelemetry JS web events read the same; a missing end drops only that phase', () => {
    const start = 1000;
    const events = [
      { name: 'fetchStart', time: 1000 },
      { name: 'connectStart', time: 1001 },
      { name: 'connectEnd', time: 1003 },
      { name: 'requestStart', time: 1003.5 },
      { name: 'responseStart', time: 1010 },
    ];
    const b = timingBreakdown({ startTime: start, endTime: 1012, events });
    expect(b.phases.map((p) => [p.id, p.start, p.duration])).toEqual([
      ['stalled', 0, 1],
      ['connect', 1, 2],
      ['wait', 3.5, 6.5],
    ]);
  });
});

describe('timingBreakdown with what the recorder keeps from the HAR', () => {
  test('queueing and send stored as browser.timing.* split every row of the Timing tab', () => {
    const timings = { ...FULL_TIMINGS, _blocked_queueing: 1.5 };
    const span = recorded(harEntry({ timings, url: 'https://api.example.com/x' }));
    expect(span.attributes['browser.timing.queueing']).toBe(1.5);
    expect(span.attributes['browser.timing.send']).toBe(1);
    const phases = timingBreakdown(span, breakdownOptions(span.attributes)).phases;
    expect(phases.map((p) => [p.label, Number(p.duration.toFixed(3)), p.includes ?? []])).toEqual([
      ['Queueing', 1.5, []],
      ['Stalled', 0.5, []],
      ['DNS Lookup', 3, []],
      ['Initial connection', 10, []],
      ['SSL', 6, []],
      ['Request sent', 1, []],
      ['Waiting for server response', 20, []],
      ['Content Download', 4, []],
    ]);
  });
});
