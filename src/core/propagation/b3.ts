import {
  B3_FLAGS_HEADER,
  B3_PARENT_SPAN_ID_HEADER,
  B3_SAMPLED_HEADER,
  B3_SPAN_ID_HEADER,
  B3_TRACE_ID_HEADER,
  firstValue,
  type HeaderGetter,
} from './headers';
import { isLowerHex } from './hex';
import {
  isValidSpanId,
  isValidTraceId,
  TRACE_FLAG_SAMPLED,
  type SpanContext,
} from './span-context';
import { trimOws } from './text';

export interface B3Options {
  /** b3 `d` / `X-B3-Flags: 1`: the trace must be kept; implies sampled. */
  readonly debug: boolean;
  readonly parentSpanId?: string;
}

/** A B3 context: sampled is in traceFlags (debug implies it); an absent decision reads as not sampled. */
export interface B3Context extends SpanContext {
  readonly debug: boolean;
  readonly parentSpanId?: string;
}

const B3_64_BIT_TRACE_ID_LENGTH = 16;
const TRACE_ID_PADDING = '0000000000000000';

/** openzipkin/b3-propagation "TraceId": 32 or 16 lower-hex; a 64-bit id is left-padded to 128 bits. */
function parseTraceId(s: string): string | null {
  const traceId = s.length === B3_64_BIT_TRACE_ID_LENGTH ? TRACE_ID_PADDING + s : s;
  return isValidTraceId(traceId) ? traceId : null;
}

function sampledFlag(ctx: SpanContext, debug: boolean): string {
  return debug ? 'd' : (ctx.traceFlags & TRACE_FLAG_SAMPLED) !== 0 ? '1' : '0';
}

/** openzipkin/b3-propagation "Single Header": `{TraceId}-{SpanId}-{SamplingState}[-{ParentSpanId}]`. */
export function formatB3Single(ctx: SpanContext, opts: B3Options): string {
  const value = `${ctx.traceId}-${ctx.spanId}-${sampledFlag(ctx, opts.debug)}`;
  return opts.parentSpanId === undefined ? value : `${value}-${opts.parentSpanId}`;
}

/**
 * openzipkin/b3-propagation "Multiple Headers", names lowercase. Debug is sent as `x-b3-flags: 1`
 * and then `x-b3-sampled` is not sent, since debug implies it.
 */
export function formatB3Multi(ctx: SpanContext, opts: B3Options): Record<string, string> {
  const headers: Record<string, string> = {
    [B3_TRACE_ID_HEADER]: ctx.traceId,
    [B3_SPAN_ID_HEADER]: ctx.spanId,
  };
  if (opts.parentSpanId !== undefined) headers[B3_PARENT_SPAN_ID_HEADER] = opts.parentSpanId;
  if (opts.debug) headers[B3_FLAGS_HEADER] = '1';
  else headers[B3_SAMPLED_HEADER] = (ctx.traceFlags & TRACE_FLAG_SAMPLED) !== 0 ? '1' : '0';
  return headers;
}

function b3Context(
  traceId: string,
  spanId: string,
  sampled: boolean,
  debug: boolean,
  parentSpanId: string | undefined,
): B3Context {
  const traceFlags = sampled || debug ? TRACE_FLAG_SAMPLED : 0;
  return parentSpanId === undefined
    ? { traceId, spanId, traceFlags, debug }
    : { traceId, spanId, traceFlags, debug, parentSpanId };
}

function isParentSpanId(s: string): boolean {
  return s.length === 16 && isLowerHex(s, 0, 16);
}

/**
 * openzipkin/b3-propagation "Single Header": parses `b3`. The sampling state (1, 0 or d) and the
 * parent span id are optional; a header holding only a sampling state carries no context (null).
 */
export function parseB3Single(value: string | readonly string[]): B3Context | null {
  const raw = firstValue(value);
  if (raw === undefined) return null;
  const parts = trimOws(raw).split('-');
  if (parts.length < 2 || parts.length > 4) return null;
  const [rawTraceId = '', spanId = '', third, fourth] = parts;
  const traceId = parseTraceId(rawTraceId);
  if (traceId === null || !isValidSpanId(spanId)) return null;
  let state: string | undefined;
  let parentSpanId: string | undefined;
  if (fourth !== undefined) {
    state = third;
    parentSpanId = fourth;
  } else if (third !== undefined && third.length !== 1) {
    parentSpanId = third; // `{TraceId}-{SpanId}-{ParentSpanId}` with the decision deferred
  } else {
    state = third;
  }
  if (parentSpanId !== undefined && !isParentSpanId(parentSpanId)) return null;
  if (state !== undefined && state !== '1' && state !== '0' && state !== 'd') return null;
  return b3Context(traceId, spanId, state === '1', state === 'd', parentSpanId);
}

/**
 * openzipkin/b3-propagation "Multiple Headers": the first value of each `x-b3-*` header wins.
 * Sampled accepts 1/0 and, as the spec asks of readers, the legacy true/false.
 */
export function parseB3Multi(get: HeaderGetter): B3Context | null {
  const rawTraceId = firstValue(get(B3_TRACE_ID_HEADER));
  const rawSpanId = firstValue(get(B3_SPAN_ID_HEADER));
  if (rawTraceId === undefined || rawSpanId === undefined) return null;
  const traceId = parseTraceId(trimOws(rawTraceId));
  const spanId = trimOws(rawSpanId);
  if (traceId === null || !isValidSpanId(spanId)) return null;

  const rawSampled = firstValue(get(B3_SAMPLED_HEADER));
  let sampled = false;
  if (rawSampled !== undefined) {
    const s = trimOws(rawSampled).toLowerCase();
    if (s === '1' || s === 'true') sampled = true;
    else if (s !== '0' && s !== 'false') return null;
  }
  const rawFlags = firstValue(get(B3_FLAGS_HEADER));
  const debug = rawFlags !== undefined && trimOws(rawFlags) === '1';
  const rawParent = firstValue(get(B3_PARENT_SPAN_ID_HEADER));
  const parent = rawParent === undefined ? undefined : trimOws(rawParent);
  // The parent id only informs; a malformed one is ignored rather than losing the context.
  const parentSpanId = parent !== undefined && isParentSpanId(parent) ? parent : undefined;
  return b3Context(traceId, spanId, sampled, debug, parentSpanId);
}
