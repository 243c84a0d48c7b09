/**
 * The request headers of a HAR entry (`request.headers`: `{ name, value }[]`), as a lookup by
 * lowercase name, and the subset a span may keep, redacted.
 */
import {
  BAGGAGE_HEADER,
  isPropagationHeader,
  UBERCTX_HEADER_PREFIX,
  type HeaderGetter,
} from '../propagation';
import { asObject, field, truncate } from './har-read';
import type { AttributeValue } from './model';
import { isSensitiveParam, redactBaggage, redactParamValue, REDACTED } from './redact';

/** Headers read per entry; a browser sends a few dozen, and the rest of a hostile list is ignored. */
export const MAX_HEADERS = 512;
/** Values kept per captured header. */
export const MAX_HEADER_VALUES = 8;
/** Characters kept per captured header value: W3C Baggage's 8192-byte limit. */
export const MAX_HEADER_VALUE_LENGTH = 8192;
export const HEADER_ATTRIBUTE_PREFIX = 'http.request.header.';

/**
 * Invariant 7: never stored, whatever else changes. None of them is a propagation header, so the
 * allow-list below already excludes them; this deny-list keeps it so if the allow-list ever grows.
 */
export const NEVER_CAPTURED_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'cookie',
  'proxy-authorization',
  'set-cookie',
]);

/** Lowercase header name → every value, in the order sent. */
export type HeaderMap = ReadonlyMap<string, readonly string[]>;

/** The entry's request headers; entries that are not `{ name: string, value: string }` are skipped. */
export function readHeaders(list: unknown): HeaderMap {
  const map = new Map<string, string[]>();
  if (!Array.isArray(list)) return map;
  const count = Math.min(list.length, MAX_HEADERS);
  for (let i = 0; i < count; i++) {
    const header = asObject(list[i]);
    const name = field(header, 'name');
    const value = field(header, 'value');
    if (typeof name !== 'string' || typeof value !== 'string' || name === '') continue;
    const lower = name.toLowerCase();
    const values = map.get(lower);
    if (values === undefined) map.set(lower, [value]);
    else values.push(value);
  }
  return map;
}

/** A HeaderGetter over the map: one value as a string, repeated header lines as an array. */
export function headerGetter(headers: HeaderMap): HeaderGetter {
  return (name) => {
    const values = headers.get(name);
    if (values === undefined) return undefined;
    return values.length === 1 ? values[0] : values;
  };
}

/** True for a header a span may keep: a propagation header, and never a credential. */
export function isCapturedHeader(lowercaseName: string): boolean {
  return !NEVER_CAPTURED_HEADERS.has(lowercaseName) && isPropagationHeader(lowercaseName);
}

/**
 * Invariant 7 for baggage: the values of members and properties with sensitive keys are replaced,
 * and `uberctx-{key}` (Jaeger baggage, one header per key) by the same rule on its key. Other
 * values are scanned like query values, for an encoded URL with a secret inside. Both scan at most
 * MAX_HEADER_VALUE_LENGTH characters, the most that is kept anyway.
 */
function redactHeaderValue(name: string, value: string, sensitive: readonly string[]): string {
  if (name === BAGGAGE_HEADER) return redactBaggage(value, sensitive, MAX_HEADER_VALUE_LENGTH);
  if (!name.startsWith(UBERCTX_HEADER_PREFIX)) return value;
  if (isSensitiveParam(name.slice(UBERCTX_HEADER_PREFIX.length), sensitive)) {
    return value === '' ? value : REDACTED;
  }
  return redactParamValue(value, sensitive, MAX_HEADER_VALUE_LENGTH);
}

/**
 * `http.request.header.<name>` (string array, as semantic conventions define it) for each kept
 * header, redacted with the `sensitive` names (settings `recording.sensitiveParams`).
 */
export function capturedHeaders(
  headers: HeaderMap,
  sensitive: readonly string[],
  into: Record<string, AttributeValue>,
): void {
  for (const [name, values] of headers) {
    if (!isCapturedHeader(name)) continue;
    into[HEADER_ATTRIBUTE_PREFIX + name] = values
      .slice(0, MAX_HEADER_VALUES)
      .map((value) => truncate(redactHeaderValue(name, value, sensitive), MAX_HEADER_VALUE_LENGTH));
  }
}
