/**
 * HAR timings as span events at each phase boundary, named as the OpenTelemetry JS web
 * instrumentations name PerformanceResourceTiming marks.
 *
 * HAR 1.2 `timings`: blocked, dns, connect, send, wait and receive follow one another; -1 means a
 * phase did not happen; `ssl` is the TLS part at the end of `connect`, not a phase after it.
 * Chromium counts `_blocked_queueing` inside `blocked` (devtools-frontend models/har/Log.ts), and
 * its `time` is the sum of the phases except ssl.
 */
import type { SpanEvent } from './model';
import { numberField, type HarObject } from './har-read';

export const EVENT_FETCH_START = 'fetchStart';
export const EVENT_DOMAIN_LOOKUP_START = 'domainLookupStart';
export const EVENT_DOMAIN_LOOKUP_END = 'domainLookupEnd';
export const EVENT_CONNECT_START = 'connectStart';
export const EVENT_SECURE_CONNECTION_START = 'secureConnectionStart';
export const EVENT_CONNECT_END = 'connectEnd';
export const EVENT_REQUEST_START = 'requestStart';
export const EVENT_RESPONSE_START = 'responseStart';
export const EVENT_RESPONSE_END = 'responseEnd';

/**
 * A phase or total longer than this (31 days) is treated as absent: no real request takes that long,
 * and the bound keeps every computed time finite whatever a hostile entry holds.
 */
export const MAX_DURATION_MS = 31 * 24 * 60 * 60 * 1000;

export interface Timeline {
  /** In time order, all ≥ the start and ≤ endTime. */
  readonly events: readonly SpanEvent[];
  readonly endTime: number;
}

/** A duration in ms, or null when absent (-1), negative, non-numeric or implausibly long. */
function duration(timings: HarObject | null, key: string): number | null {
  const value = numberField(timings, key);
  return value !== undefined && value >= 0 && value <= MAX_DURATION_MS ? value : null;
}

/**
 * Events and end time of a request that started at `start` (epoch ms). `responded` is false when no
 * response arrived (status 0): HAR then still reports send, wait and receive as 0, which says nothing
 * about whether the request was sent, so no request or response events are made up.
 *
 * - fetchStart = start; the blocked phase (queueing, stalls, proxy) follows it.
 * - domainLookupStart/End around dns, connectStart/End around connect, when present.
 * - secureConnectionStart = connectEnd − ssl (ssl is inside connect, so it is clamped to it).
 * - requestStart = when sending began; responseStart = requestStart + send + wait;
 *   responseEnd = responseStart + receive. HAR requires send, wait and receive, so an invalid value
 *   (Chromium can report a slightly negative wait) counts as 0 rather than dropping the event.
 * - The end is start + `time`, or the last event when that is later or `time` is unusable.
 */
export function harTimeline(
  start: number,
  timings: HarObject | null,
  time: unknown,
  responded: boolean,
): Timeline {
  const events: SpanEvent[] = [{ name: EVENT_FETCH_START, time: start }];
  let cursor = start + (duration(timings, 'blocked') ?? 0);

  const dns = duration(timings, 'dns');
  if (dns !== null) {
    events.push({ name: EVENT_DOMAIN_LOOKUP_START, time: cursor });
    cursor += dns;
    events.push({ name: EVENT_DOMAIN_LOOKUP_END, time: cursor });
  }

  const connect = duration(timings, 'connect');
  if (connect !== null) {
    const connectStart = cursor;
    events.push({ name: EVENT_CONNECT_START, time: connectStart });
    cursor += connect;
    const ssl = duration(timings, 'ssl');
    if (ssl !== null) {
      // max(): (a + c) − c can round to just below a.
      const secureStart = Math.max(connectStart, cursor - Math.min(ssl, connect));
      events.push({ name: EVENT_SECURE_CONNECTION_START, time: secureStart });
    }
    events.push({ name: EVENT_CONNECT_END, time: cursor });
  }

  if (responded) {
    events.push({ name: EVENT_REQUEST_START, time: cursor });
    cursor += (duration(timings, 'send') ?? 0) + (duration(timings, 'wait') ?? 0);
    events.push({ name: EVENT_RESPONSE_START, time: cursor });
    cursor += duration(timings, 'receive') ?? 0;
    events.push({ name: EVENT_RESPONSE_END, time: cursor });
  }

  const total = typeof time === 'number' && time >= 0 && time <= MAX_DURATION_MS ? time : null;
  const endTime = total === null ? cursor : Math.max(cursor, start + total);
  return { events, endTime };
}
