import { expect, test } from 'vitest';
import { harTimeline, MAX_DURATION_MS } from '../../../src/core/span/har-timings';
import { FULL_TIMINGS } from './har-entries';

const T0 = 1_000_000;

function eventsOf(timings: Record<string, unknown>, time?: unknown, responded = true) {
  const timeline = harTimeline(T0, timings, time, responded);
  return {
    events: Object.fromEntries(timeline.events.map((e) => [e.name, e.time - T0])),
    order: timeline.events.map((e) => e.name),
    end: timeline.endTime - T0,
  };
}

test('every phase of a fresh HTTPS connection; ssl is the end of connect', () => {
  const { events, order, end } = eventsOf(FULL_TIMINGS, 40);
  expect(order).toEqual([
    'fetchStart',
    'domainLookupStart',
    'domainLookupEnd',
    'connectStart',
    'secureConnectionStart',
    'connectEnd',
    'requestStart',
    'responseStart',
    'responseEnd',
  ]);
  expect(events).toEqual({
    fetchStart: 0,
    // blocked 2 (its _blocked_queueing 1.5 is inside it, not added)
    domainLookupStart: 2,
    domainLookupEnd: 5,
    connectStart: 5,
    // connect 10 of which ssl 6: TLS starts 6 before the connection is ready
    secureConnectionStart: 9,
    connectEnd: 15,
    requestStart: 15,
    // send 1 + wait 20
    responseStart: 36,
    responseEnd: 40,
  });
  expect(end).toBe(40);
});

test('-1 phases (a reused connection) make no events', () => {
  const { order, events } = eventsOf(
    { blocked: 3, dns: -1, connect: -1, ssl: -1, send: 0.5, wait: 10, receive: 1 },
    14.5,
  );
  expect(order).toEqual(['fetchStart', 'requestStart', 'responseStart', 'responseEnd']);
  expect(events).toEqual({
    fetchStart: 0,
    requestStart: 3,
    responseStart: 13.5,
    responseEnd: 14.5,
  });
});

test('plain http: connect without ssl', () => {
  const { order } = eventsOf({
    blocked: 0,
    dns: 1,
    connect: 2,
    ssl: -1,
    send: 0,
    wait: 1,
    receive: 0,
  });
  expect(order).not.toContain('secureConnectionStart');
  expect(order).toContain('connectEnd');
});

test('an ssl longer than connect is clamped to it', () => {
  const { events } = eventsOf({
    blocked: 0,
    dns: -1,
    connect: 4,
    ssl: 9,
    send: 0,
    wait: 0,
    receive: 0,
  });
  expect(events['secureConnectionStart']).toBe(events['connectStart']);
});

test("Chromium's slightly negative wait counts as 0 but keeps its event", () => {
  const { events } = eventsOf({
    blocked: 10,
    dns: -1,
    connect: -1,
    ssl: -1,
    send: 0,
    wait: -1.37,
    receive: 0,
  });
  expect(events['responseStart']).toBe(10);
});

test('no response: no request or response events, the end from time', () => {
  const { order, end } = eventsOf(
    { blocked: 9.374, dns: -1, ssl: -1, connect: -1, send: 0, wait: 0, receive: 0 },
    9.374,
    false,
  );
  expect(order).toEqual(['fetchStart']);
  expect(end).toBeCloseTo(9.374, 6);
});

test('a failure after connecting keeps the connection events', () => {
  const { order } = eventsOf(
    { blocked: 1, dns: 2, connect: 3, ssl: -1, send: 0, wait: 0, receive: 0 },
    6,
    false,
  );
  expect(order).toEqual([
    'fetchStart',
    'domainLookupStart',
    'domainLookupEnd',
    'connectStart',
    'connectEnd',
  ]);
});

test('the end is the later of start + time and the last event', () => {
  const timings = { blocked: 1, dns: -1, connect: -1, ssl: -1, send: 1, wait: 1, receive: 1 };
  expect(eventsOf(timings, 10).end).toBe(10);
  expect(eventsOf(timings, 2).end).toBe(4);
  expect(eventsOf(timings, -1).end).toBe(4);
  expect(eventsOf(timings, 'soon').end).toBe(4);
  expect(eventsOf(timings, MAX_DURATION_MS + 1).end).toBe(4);
});

test('missing or junk timings still give a fetchStart and a finite end', () => {
  for (const timings of [null, {}, { blocked: 'x', dns: NaN, connect: Infinity, send: -5 }]) {
    const timeline = harTimeline(T0, timings, undefined, true);
    expect(timeline.events[0]).toEqual({ name: 'fetchStart', time: T0 });
    expect(Number.isFinite(timeline.endTime)).toBe(true);
    expect(timeline.endTime).toBeGreaterThanOrEqual(T0);
  }
});
