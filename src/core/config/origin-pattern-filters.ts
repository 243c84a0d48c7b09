import { DEFAULT_PORTS, type OriginScheme } from './origin';
import type { OriginPattern } from './origin-pattern';

/**
 * A Chrome/Firefox match pattern covering every URL of the origin pattern, possibly more: the port
 * is dropped (Chrome treats a missing port as any port; Firefox allows none), and Chrome's
 * `*.example.com` also covers deeper subdomains. Whoever uses it re-checks the exact origin.
 */
export function toMatchPattern(pattern: OriginPattern): string {
  return `${pattern.scheme}://${pattern.host}/*`;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The host part of a URL regex. The classes cover exactly the hosts parseOrigin accepts in the
 * form Chrome serializes URLs (lowercase, IPv6 compressed), so regex and matchesOrigin agree.
 */
function hostRegex(host: string): string {
  if (host === '*') return '(?:[a-z0-9._-]+|\\[[0-9a-f:]+\\])';
  if (host.startsWith('*.')) return '[a-z0-9_-]+' + escapeRegex(host.slice(1));
  return escapeRegex(host);
}

function portRegex(port: number | '*' | null, scheme: OriginScheme): string {
  // Chrome drops a default port from request URLs; an explicit one is accepted all the same.
  if (port === null) return `(?::${String(DEFAULT_PORTS[scheme])})?`;
  return port === '*' ? '(?::[0-9]+)?' : `:${String(port)}`;
}

/** The regex body (no anchor) for one pattern; see toRegexFilter. */
export function regexBody(pattern: OriginPattern): string {
  const host = hostRegex(pattern.host);
  const forScheme = (scheme: OriginScheme) =>
    `${scheme}://${host}${portRegex(pattern.port, scheme)}`;
  if (pattern.scheme !== '*') return forScheme(pattern.scheme) + '/';
  // "*" with a default port means http on 80 and https on 443, not http on 443.
  if (pattern.port === null) return `(?:${forScheme('http')}|${forScheme('https')})/`;
  return `https?://${host}${portRegex(pattern.port, 'http')}/`;
}

/**
 * An RE2 regex for a declarativeNetRequest `regexFilter` matching the request URLs of the origin
 * pattern and nothing else, e.g. `^https://api\.example\.com(?::443)?/`. The host must be followed
 * by a port or "/", so `https://api.example.com@evil.com/` and `…com.evil.com/` do not match.
 */
export function toRegexFilter(pattern: OriginPattern): string {
  return '^' + regexBody(pattern);
}
