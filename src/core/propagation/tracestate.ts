import { trimOws } from './text';

/** Ordered list-members, leftmost (newest) first. */
export type TraceState = readonly (readonly [key: string, value: string])[];

/** W3C Trace Context §3.3.1.1: at most 32 list-members. */
export const TRACESTATE_MAX_MEMBERS = 32;
/** W3C Trace Context §3.3.1.3.1: simple-key = lcalpha 0*255(...), so at most 256 characters. */
export const TRACESTATE_MAX_KEY_LENGTH = 256;
/** §3.3.1.3.1: tenant-id = (lcalpha / DIGIT) 0*240(...). */
export const TRACESTATE_MAX_TENANT_LENGTH = 241;
/** §3.3.1.3.1: system-id = lcalpha 0*13(...). */
export const TRACESTATE_MAX_SYSTEM_LENGTH = 14;
/** §3.3.1.3.2: value = 0*255(chr) nblk-chr. */
export const TRACESTATE_MAX_VALUE_LENGTH = 256;

const EQUALS = 0x3d;
const COMMA = 0x2c;
const SPACE = 0x20;

function isLcAlpha(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** §3.3.1.3.1: lcalpha / DIGIT / "_" / "-" / "*" / "/" */
export function isTracestateKeyChar(c: number): boolean {
  return isLcAlpha(c) || isDigit(c) || c === 0x5f || c === 0x2d || c === 0x2a || c === 0x2f;
}

function isKeyPart(
  s: string,
  from: number,
  to: number,
  maxLength: number,
  digitFirst: boolean,
): boolean {
  if (to - from < 1 || to - from > maxLength) return false;
  const first = s.charCodeAt(from);
  if (!(isLcAlpha(first) || (digitFirst && isDigit(first)))) return false;
  for (let i = from + 1; i < to; i++) {
    if (!isTracestateKeyChar(s.charCodeAt(i))) return false;
  }
  return true;
}

/** W3C Trace Context §3.3.1.3.1: simple-key, or multi-tenant-key `tenant-id@system-id`. */
export function isValidTracestateKey(key: string): boolean {
  const at = key.indexOf('@');
  if (at < 0) return isKeyPart(key, 0, key.length, TRACESTATE_MAX_KEY_LENGTH, false);
  return (
    isKeyPart(key, 0, at, TRACESTATE_MAX_TENANT_LENGTH, true) &&
    isKeyPart(key, at + 1, key.length, TRACESTATE_MAX_SYSTEM_LENGTH, false)
  );
}

/** §3.3.1.3.2 chr: printable ASCII (0x20-0x7E) except "," and "=". */
export function isTracestateValueChar(c: number): boolean {
  return c >= SPACE && c <= 0x7e && c !== COMMA && c !== EQUALS;
}

/** W3C Trace Context §3.3.1.3.2: 1 to 256 printable ASCII characters, no "," or "=", not ending in space. */
export function isValidTracestateValue(value: string): boolean {
  if (value.length < 1 || value.length > TRACESTATE_MAX_VALUE_LENGTH) return false;
  if (value.charCodeAt(value.length - 1) === SPACE) return false;
  for (let i = 0; i < value.length; i++) {
    if (!isTracestateValueChar(value.charCodeAt(i))) return false;
  }
  return true;
}

/** One `key=value` list-member (OWS already trimmed), or null when either side is invalid. */
export function parseTracestateMember(member: string): readonly [string, string] | null {
  const eq = member.indexOf('=');
  if (eq < 0) return null;
  const key = member.slice(0, eq);
  const value = member.slice(eq + 1);
  return isValidTracestateKey(key) && isValidTracestateValue(value) ? [key, value] : null;
}

/**
 * W3C Trace Context §3.3.1 and §3.3.1.1: parses one or several tracestate header lines, combined in
 * order. Empty list-members are allowed. Any invalid member, a duplicate key or more than 32 members
 * makes the whole header invalid (null), which is what the W3C test suite expects; the caller then
 * must not propagate it. An absent or empty header is the empty state.
 */
export function parseTracestate(value: string | readonly string[]): TraceState | null {
  const combined = typeof value === 'string' ? value : value.join(',');
  const state: (readonly [string, string])[] = [];
  const seen = new Set<string>();
  for (const part of combined.split(',')) {
    const member = trimOws(part);
    if (member === '') continue;
    const entry = parseTracestateMember(member);
    if (entry === null || seen.has(entry[0])) return null;
    seen.add(entry[0]);
    state.push(entry);
    if (state.length > TRACESTATE_MAX_MEMBERS) return null;
  }
  return state;
}

/** W3C Trace Context §3.3.1: `key=value` members joined by ",", leftmost first. */
export function formatTracestate(state: TraceState): string {
  let out = '';
  for (const [key, value] of state) {
    out += (out === '' ? '' : ',') + key + '=' + value;
  }
  return out;
}

/**
 * W3C Trace Context §3.5 (mutating tracestate): puts `key=value` leftmost, removes an older member
 * with the same key, and drops members from the right beyond 32. An invalid key or value leaves the
 * state unchanged.
 */
export function addTracestateEntry(state: TraceState, key: string, value: string): TraceState {
  if (!isValidTracestateKey(key) || !isValidTracestateValue(value)) return state;
  const next: (readonly [string, string])[] = [[key, value]];
  for (const entry of state) {
    if (next.length >= TRACESTATE_MAX_MEMBERS) break;
    if (entry[0] !== key) next.push(entry);
  }
  return next;
}
