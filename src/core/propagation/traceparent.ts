import { hexByte, isLowerHex } from './hex';
import { isValidSpanId, isValidTraceId, type SpanContext } from './span-context';
import { trimOws } from './text';

/** W3C Trace Context §3.2.2.1: the version this implementation writes. */
export const TRACEPARENT_VERSION = '00';
/** W3C Trace Context §3.2.2.1: version ff is forbidden. */
const INVALID_VERSION = 'ff';
/** W3C Trace Context §3.2.2: `00-` + 32 + `-` + 16 + `-` + 2. */
export const TRACEPARENT_V00_LENGTH = 55;

const DASH = 0x2d;
const TRACE_ID_START = 3;
const SPAN_ID_START = 36;
const FLAGS_START = 53;

/**
 * W3C Trace Context §3.2 and §4.3 (versioning): parses a traceparent header. Several header lines
 * (an array with more than one value) mean the caller must restart the trace, so they yield null.
 * A version above 00 is read by its first four fields when it is at least 55 characters and, if
 * longer, continues with '-'; it is re-emitted as version 00 by formatTraceparent.
 */
export function parseTraceparent(value: string | readonly string[]): SpanContext | null {
  let raw: string;
  if (typeof value === 'string') raw = value;
  else if (value.length === 1 && typeof value[0] === 'string') raw = value[0];
  else return null;

  const s = trimOws(raw);
  if (s.length < TRACEPARENT_V00_LENGTH || !isLowerHex(s, 0, 2)) return null;
  const version = s.slice(0, 2);
  if (version === INVALID_VERSION) return null;
  if (version === TRACEPARENT_VERSION) {
    if (s.length !== TRACEPARENT_V00_LENGTH) return null;
  } else if (s.length > TRACEPARENT_V00_LENGTH && s.charCodeAt(TRACEPARENT_V00_LENGTH) !== DASH) {
    return null;
  }
  if (
    s.charCodeAt(TRACE_ID_START - 1) !== DASH ||
    s.charCodeAt(SPAN_ID_START - 1) !== DASH ||
    s.charCodeAt(FLAGS_START - 1) !== DASH ||
    !isLowerHex(s, FLAGS_START, FLAGS_START + 2)
  ) {
    return null;
  }
  const traceId = s.slice(TRACE_ID_START, SPAN_ID_START - 1);
  const spanId = s.slice(SPAN_ID_START, FLAGS_START - 1);
  if (!isValidTraceId(traceId) || !isValidSpanId(spanId)) return null;
  return { traceId, spanId, traceFlags: parseInt(s.slice(FLAGS_START, FLAGS_START + 2), 16) };
}

/** W3C Trace Context §3.2: `00-{trace-id}-{parent-id}-{trace-flags}`, always version 00. */
export function formatTraceparent(ctx: SpanContext): string {
  return `${TRACEPARENT_VERSION}-${ctx.traceId}-${ctx.spanId}-${hexByte(ctx.traceFlags)}`;
}
