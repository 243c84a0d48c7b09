import { hostMatches } from './hook-match';
import { canonicalIpv6 } from './ipv6';
import {
  DEFAULT_PORTS,
  endsInNumber,
  isCanonicalIpv4,
  MAX_PORT,
  parseOrigin,
  type Origin,
  type OriginScheme,
} from './origin';

// Callers that think of origins and patterns together import both from here.
export { parseOrigin, type Origin, type OriginScheme } from './origin';
export { toMatchPattern, toRegexFilter } from './origin-pattern-filters';

/** `*` stands for http or https, as in Chrome match patterns. */
export type PatternScheme = OriginScheme | '*';

/** A parsed `scheme://host[:port]` pattern (see docs/config.md, "Origin patterns"). */
export interface OriginPattern {
  readonly scheme: PatternScheme;
  /** Lowercase exact host, `*.` + a domain (exactly one more label), or `*` (any host). */
  readonly host: string;
  /** null: the scheme's default port only; '*': any port. */
  readonly port: number | '*' | null;
}

/** RFC 1035 §2.3.4 size limits, which browsers apply to DNS names. */
const MAX_LABEL_LENGTH = 63;
const MAX_HOST_LENGTH = 253;
const EXAMPLE = '"https://app.example.com"';

function describeChar(s: string, ok: (c: number) => boolean): string | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (ok(c)) continue;
    const name =
      c === 0x20
        ? 'space'
        : c < 0x20 || c === 0x7f
          ? `U+${c.toString(16).padStart(4, '0').toUpperCase()}`
          : `"${s.charAt(i)}"`;
    return `${name} at ${String(i + 1)}`;
  }
  return null;
}

function isDomainChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d || c === 0x5f
  );
}

/** Why `host` (already lowercase) is not a hostname or IPv4 address a browser would produce. */
function domainError(host: string): string | null {
  const bad = describeChar(host, isDomainChar);
  if (bad !== null) {
    return `host "${host}" may only contain letters, digits, ".", "-" and "_" (${bad})`;
  }
  if (host.endsWith('.')) return `host "${host}" must not end with "."`;
  if (host.length > MAX_HOST_LENGTH) {
    return `host "${host}" is longer than ${String(MAX_HOST_LENGTH)} characters`;
  }
  for (const label of host.split('.')) {
    if (label === '') return `host "${host}" has an empty label`;
    if (label.length > MAX_LABEL_LENGTH) {
      return `host "${host}" has a label longer than ${String(MAX_LABEL_LENGTH)} characters`;
    }
  }
  if (endsInNumber(host) && !isCanonicalIpv4(host)) {
    return `host "${host}" is not an IPv4 address a.b.c.d (each 0–255, no leading zeros)`;
  }
  return null;
}

/** The canonical host of a pattern, or an error. */
function parseHost(raw: string): string | { error: string } {
  if (raw === '') return { error: 'host is empty' };
  if (raw === '*') return '*';
  if (raw.startsWith('[')) {
    const ipv6 = raw.endsWith(']') ? canonicalIpv6(raw.slice(1, -1)) : null;
    return ipv6 === null ? { error: `host "${raw}" is not a valid IPv6 address` } : `[${ipv6}]`;
  }
  // Checked before lowercasing: toLowerCase maps some non-ASCII letters (U+212A) to ASCII ones.
  if (/[\u0080-\u{10ffff}]/u.test(raw)) {
    return {
      error: `host "${raw}" must be ASCII; write an internationalized name in punycode (xn--…)`,
    };
  }
  const host = raw.toLowerCase();
  const wildcard = host.startsWith('*.');
  const base = wildcard ? host.slice(2) : host;
  if (base.includes('*')) {
    return {
      error: `"*" may only be the whole host or its first label, e.g. "https://*.example.com"`,
    };
  }
  const error = domainError(base);
  if (error !== null) return { error };
  if (wildcard && endsInNumber(base)) return { error: `"*." cannot be used with an IP address` };
  return host;
}

function parsePort(raw: string): number | '*' | { error: string } {
  if (raw === '*') return '*';
  if (raw === '') return { error: 'port is empty (leave out the ":" for the default port)' };
  if (!/^[0-9]{1,5}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_PORT) {
    return { error: `port must be a number from 1 to ${String(MAX_PORT)} or "*", got "${raw}"` };
  }
  return Number(raw);
}

/**
 * Parses `scheme://host[:port]` (scheme http, https or *; one trailing "/" tolerated), or returns
 * why it is not a pattern. The result is canonical: lowercase, IPv6 compressed, and a port equal
 * to the scheme's default dropped, so formatOriginPattern gives one spelling per pattern.
 */
export function parseOriginPattern(input: unknown): OriginPattern | string {
  // Typed unknown: patterns also arrive over the page channel, where anything can come.
  if (typeof input !== 'string') return 'pattern must be a string';
  const s = input.trim();
  if (s === '') return 'pattern is empty';
  const sep = s.indexOf('://');
  if (sep < 0) return `expected scheme://host[:port], e.g. ${EXAMPLE}`;
  const scheme = s.slice(0, sep).toLowerCase();
  if (scheme !== 'http' && scheme !== 'https' && scheme !== '*') {
    return `scheme must be "http", "https" or "*", got "${s.slice(0, sep)}"`;
  }
  let authority = s.slice(sep + 3);
  if (authority.endsWith('/')) authority = authority.slice(0, -1);
  const pathAt = authority.search(/[/?#\\]/);
  if (pathAt >= 0) {
    return `must not have a path, query or fragment ("${authority.slice(pathAt)}"); a pattern names a whole origin`;
  }
  if (authority.includes('@')) return 'must not have a user name ("@")';
  const close = authority.startsWith('[') ? authority.indexOf(']') : -1;
  if (authority.startsWith('[') && close < 0) return 'an IPv6 host is missing its "]"';
  const colon = authority.indexOf(':', close + 1);
  if (close < 0 && colon >= 0 && authority.indexOf(':', colon + 1) >= 0) {
    return 'has more than one ":"; an IPv6 address goes in brackets, e.g. "http://[::1]:8080"';
  }
  const rawHost = colon < 0 ? authority : authority.slice(0, colon);
  const host = parseHost(rawHost);
  if (typeof host !== 'string') return host.error;
  let port: number | '*' | null = null;
  if (colon >= 0) {
    const parsed = parsePort(authority.slice(colon + 1));
    if (typeof parsed === 'object') return parsed.error;
    port = scheme !== '*' && parsed === DEFAULT_PORTS[scheme] ? null : parsed;
  }
  return { scheme, host, port };
}

/** The canonical text of a pattern: what parseOriginPattern accepts and what the config stores. */
export function formatOriginPattern(pattern: OriginPattern): string {
  const port = pattern.port === null ? '' : `:${String(pattern.port)}`;
  return `${pattern.scheme}://${pattern.host}${port}`;
}

/** True when a parsed origin is one the pattern names. No parsing: for per-request checks. */
export function originMatches(pattern: OriginPattern, origin: Origin): boolean {
  if (pattern.scheme !== '*' && pattern.scheme !== origin.scheme) return false;
  if (pattern.port === null) {
    if (origin.port !== DEFAULT_PORTS[origin.scheme]) return false;
  } else if (pattern.port !== '*' && pattern.port !== origin.port) {
    return false;
  }
  return hostMatches(pattern.host, origin.host);
}

/**
 * True when `origin` (an origin such as `https://a.b:8443`, or any absolute http(s) URL) is one the
 * pattern names. A pattern without a port names the scheme's default port only.
 */
export function matchesOrigin(pattern: OriginPattern, origin: string): boolean {
  const parsed = parseOrigin(origin);
  return parsed !== null && originMatches(pattern, parsed);
}
