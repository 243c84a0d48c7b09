import { canonicalIpv6 } from './ipv6';

export type OriginScheme = 'http' | 'https';

/** The origin of an absolute http(s) URL, in the form browsers serialize it. */
export interface Origin {
  readonly scheme: OriginScheme;
  /** Lowercase hostname, dotted-quad IPv4, or `[ipv6]` in canonical form. */
  readonly host: string;
  /** The effective port: the scheme's default when the URL names none. */
  readonly port: number;
  /** `scheme://host[:port]`, the port only when it is not the default, like `location.origin`. */
  readonly origin: string;
}

export const DEFAULT_PORTS: Readonly<Record<OriginScheme, number>> = { http: 80, https: 443 };
export const MAX_PORT = 65535;

const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const QUESTION = 0x3f;
const HASH = 0x23;
const AT = 0x40;
const COLON = 0x3a;
const DOT = 0x2e;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Characters a hostname may hold here: letters, digits, ".", "-", "_". */
function isHostnameChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    isDigit(c) ||
    c === DOT ||
    c === 0x2d ||
    c === 0x5f
  );
}

/** True when `s` starts with the lowercase ASCII `prefix`, ignoring case. */
function startsWithIgnoreCase(s: string, prefix: string): boolean {
  if (s.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    const c = s.charCodeAt(i);
    // Only ASCII letters fold; "| 0x20" on anything else would turn e.g. U+000F into "/".
    const folded = c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
    if (folded !== prefix.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * WHATWG URL §3.5 "ends in a number": such a host is parsed as IPv4 (`0x7f.1` is 127.0.0.1). We
 * accept only the canonical dotted quad and refuse the other spellings, so a host never compares
 * unequal to its own canonical form.
 */
export function endsInNumber(host: string): boolean {
  const end = host.charCodeAt(host.length - 1) === DOT ? host.length - 1 : host.length;
  const start = host.lastIndexOf('.', end - 1) + 1;
  if (start >= end) return false;
  const last = host.slice(start, end);
  if (/^[0-9]+$/.test(last)) return true;
  return /^0x[0-9a-f]*$/i.test(last);
}

/** True for `a.b.c.d` with each part 0–255 written without leading zeros. */
export function isCanonicalIpv4(host: string): boolean {
  const parts = host.split('.');
  if (parts.length !== 4) return false;
  for (const part of parts) {
    if (!/^(?:0|[1-9][0-9]{0,2})$/.test(part) || Number(part) > 255) return false;
  }
  return true;
}

/**
 * A hostname as it appears in a URL's authority, lowercased, or null when we cannot be sure how a
 * browser reads it (characters outside letters, digits, ".", "-", "_"; empty labels other than one
 * trailing dot; non-canonical IPv4). A null only ever means "no headers", never a wrong match.
 */
function canonicalHostname(raw: string): string | null {
  if (raw === '') return null;
  let previous = DOT;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (!isHostnameChar(c)) return null;
    if (c === DOT && previous === DOT) return null;
    previous = c;
  }
  const host = raw.toLowerCase();
  if (endsInNumber(host) && !isCanonicalIpv4(host)) return null;
  return host;
}

/** Digits of a port after ":", as a number; empty means the default; null when invalid. */
function parsePort(s: string, start: number, end: number, scheme: OriginScheme): number | null {
  if (start === end) return DEFAULT_PORTS[scheme];
  let port = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) return null;
    port = port * 10 + (c - 0x30);
    if (port > MAX_PORT) return null;
  }
  return port;
}

/**
 * The origin of an absolute http(s) URL, or null for anything else (relative, `data:`,
 * `javascript:`, malformed). Hand-written because core has no `URL` and this runs per request.
 * Like the WHATWG parser it skips userinfo (the host follows the last "@") and ends the authority
 * at "/", "\\", "?" or "#"; every spelling it is unsure about yields null rather than a guess.
 */
export function parseOrigin(url: unknown): Origin | null {
  if (typeof url !== 'string') return null;
  let scheme: OriginScheme;
  let start: number;
  if (startsWithIgnoreCase(url, 'https://')) {
    scheme = 'https';
    start = 8;
  } else if (startsWithIgnoreCase(url, 'http://')) {
    scheme = 'http';
    start = 7;
  } else {
    return null;
  }
  let end = start;
  let hostStart = start;
  for (; end < url.length; end++) {
    const c = url.charCodeAt(end);
    if (c === SLASH || c === BACKSLASH || c === QUESTION || c === HASH) break;
    // The URL parser strips tabs and newlines anywhere; rather than mimic that, give up.
    if (c <= 0x20 || c === 0x7f) return null;
    if (c === AT) hostStart = end + 1;
  }
  let host: string | null;
  let portStart: number;
  if (url.charCodeAt(hostStart) === 0x5b) {
    const close = url.indexOf(']', hostStart);
    if (close < 0 || close >= end) return null;
    const ipv6 = canonicalIpv6(url.slice(hostStart + 1, close));
    host = ipv6 === null ? null : `[${ipv6}]`;
    portStart = close + 1;
    if (portStart < end && url.charCodeAt(portStart) !== COLON) return null;
  } else {
    const colon = url.indexOf(':', hostStart);
    portStart = colon >= 0 && colon < end ? colon : end;
    host = canonicalHostname(url.slice(hostStart, portStart));
  }
  if (host === null) return null;
  const port = portStart < end ? parsePort(url, portStart + 1, end, scheme) : DEFAULT_PORTS[scheme];
  if (port === null) return null;
  const origin =
    port === DEFAULT_PORTS[scheme] ? `${scheme}://${host}` : `${scheme}://${host}:${String(port)}`;
  return { scheme, host, port, origin };
}
