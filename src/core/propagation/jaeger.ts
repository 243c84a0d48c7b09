import type { BaggageEntry } from './baggage';
import { BAGGAGE_MAX_MEMBERS } from './baggage';
import { firstValue, UBERCTX_HEADER_PREFIX } from './headers';
import { hexByte, isAllZeros, isHex } from './hex';
import { decodeUriComponentOrNull, keepTable, percentEncodeUtf8 } from './percent';
import { TRACE_FLAG_SAMPLED, type SpanContext } from './span-context';
import { isToken, trimOws } from './text';

/** Jaeger propagation format, `{flags}` bit 1: sampled. */
export const JAEGER_FLAG_SAMPLED = 0x01;
/** Jaeger propagation format, `{flags}` bit 2: debug; only ever set together with sampled. */
export const JAEGER_FLAG_DEBUG = 0x02;

export interface JaegerOptions {
  readonly debug: boolean;
  readonly parentSpanId?: string;
}

/** A Jaeger context: sampled is in traceFlags (debug implies it). */
export interface JaegerContext extends SpanContext {
  readonly debug: boolean;
  /** Present when the deprecated parent-span-id field is not 0. */
  readonly parentSpanId?: string;
}

/** Jaeger propagation format: `{trace-id}:{span-id}:{parent-span-id or 0}:{flags}`, flags as two hex digits. */
export function formatJaeger(ctx: SpanContext, opts: JaegerOptions): string {
  const sampled = opts.debug || (ctx.traceFlags & TRACE_FLAG_SAMPLED) !== 0;
  const flags = (sampled ? JAEGER_FLAG_SAMPLED : 0) | (opts.debug ? JAEGER_FLAG_DEBUG : 0);
  return `${ctx.traceId}:${ctx.spanId}:${opts.parentSpanId ?? '0'}:${hexByte(flags)}`;
}

/** A variable-length base16 id of at most `length` digits, lowercased and 0-padded on the left. */
function paddedId(s: string, length: number): string | null {
  if (s.length < 1 || s.length > length || !isHex(s, 0, s.length)) return null;
  return s.toLowerCase().padStart(length, '0');
}

/**
 * Jaeger propagation format, `uber-trace-id`: receivers must accept ids shorter than 32/16 digits and
 * left-pad them; ids of 0 are invalid. The value may arrive URL-encoded (`%3A` for ":").
 */
export function parseJaeger(value: string | readonly string[]): JaegerContext | null {
  const raw = firstValue(value);
  if (raw === undefined) return null;
  const decoded = decodeUriComponentOrNull(trimOws(raw));
  if (decoded === null) return null;
  const parts = decoded.split(':');
  if (parts.length !== 4) return null;
  const [rawTraceId = '', rawSpanId = '', rawParent = '', rawFlags = ''] = parts;
  const traceId = paddedId(rawTraceId, 32);
  const spanId = paddedId(rawSpanId, 16);
  const parent = paddedId(rawParent, 16);
  if (traceId === null || spanId === null || parent === null) return null;
  if (isAllZeros(traceId) || isAllZeros(spanId)) return null;
  if (rawFlags.length < 1 || rawFlags.length > 2 || !isHex(rawFlags, 0, rawFlags.length))
    return null;
  const flags = parseInt(rawFlags, 16);
  const debug = (flags & JAEGER_FLAG_DEBUG) !== 0;
  const traceFlags = (flags & JAEGER_FLAG_SAMPLED) !== 0 || debug ? TRACE_FLAG_SAMPLED : 0;
  return isAllZeros(parent)
    ? { traceId, spanId, traceFlags, debug }
    : { traceId, spanId, traceFlags, debug, parentSpanId: parent };
}

/** Characters encodeURIComponent leaves alone: A-Z a-z 0-9 - _ . ! ~ * ' ( ). */
const URI_COMPONENT_KEEP = keepTable(
  [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  '',
);
for (const ch of "-_.!~*'()") URI_COMPONENT_KEEP[ch.charCodeAt(0)] = 1;

/**
 * Jaeger propagation format, baggage: one `uberctx-{key}` header per entry, value URL-encoded as the
 * Jaeger clients' HTTP_HEADERS format and OpenTelemetry's JaegerPropagator (encodeURIComponent) do.
 * Header names are case-insensitive, so keys are lowercased and the first of clashing keys wins.
 */
export function jaegerBaggageHeaders(entries: readonly BaggageEntry[]): Record<string, string> {
  const headers: Record<string, string> = {};
  let count = 0;
  for (const entry of entries) {
    if (count >= BAGGAGE_MAX_MEMBERS) break;
    if (!isToken(entry.key)) continue;
    const name = UBERCTX_HEADER_PREFIX + entry.key.toLowerCase();
    if (Object.hasOwn(headers, name)) continue;
    headers[name] = percentEncodeUtf8(entry.value, URI_COMPONENT_KEEP);
    count++;
  }
  return headers;
}

/**
 * Jaeger propagation format, baggage: reads `uberctx-{key}` headers from name/value pairs (any name
 * case). Values are URL-decoded; one that does not decode is skipped, as OpenTelemetry does.
 */
export function parseJaegerBaggage(
  headers: Iterable<readonly [name: string, value: string]>,
): BaggageEntry[] {
  const entries: BaggageEntry[] = [];
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (!lower.startsWith(UBERCTX_HEADER_PREFIX)) continue;
    const key = lower.slice(UBERCTX_HEADER_PREFIX.length);
    const decoded = decodeUriComponentOrNull(trimOws(value));
    if (isToken(key) && decoded !== null) entries.push({ key, value: decoded });
  }
  return entries;
}
