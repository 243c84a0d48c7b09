import { isAllZeros, isLowerHex } from './hex';

/** W3C Trace Context §3.2: a trace id is 16 bytes, a parent (span) id 8 bytes, both as lowercase hex. */
export interface SpanContext {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceFlags: number;
}

/** W3C Trace Context §3.2.2.5.1: bit 0 of trace-flags, the caller may have recorded the trace. */
export const TRACE_FLAG_SAMPLED = 0x01;
/** W3C Trace Context Level 2 §3.2.2.5.2: bit 1 of trace-flags, the trace id's right 7 bytes are random. */
export const TRACE_FLAG_RANDOM = 0x02;

export const TRACE_ID_HEX_LENGTH = 32;
export const SPAN_ID_HEX_LENGTH = 16;

/** W3C Trace Context §3.2.2.3: 32 lowercase hex digits, not all zero. */
export function isValidTraceId(s: string): boolean {
  return s.length === TRACE_ID_HEX_LENGTH && isLowerHex(s, 0, s.length) && !isAllZeros(s);
}

/** W3C Trace Context §3.2.2.4: 16 lowercase hex digits, not all zero. */
export function isValidSpanId(s: string): boolean {
  return s.length === SPAN_ID_HEX_LENGTH && isLowerHex(s, 0, s.length) && !isAllZeros(s);
}
