/**
 * How an origin pattern becomes the URL part of a declarativeNetRequest condition. Chrome compiles
 * a regexFilter with RE2 under a 2 KB memory budget and counts it against 1,000 regex rules, and
 * three long origins in one alternation already exceed the budget (issue #8). So each pattern gets
 * its own conditions, and a plain pattern uses no regex at all.
 */
import type { DnrUrlCondition } from './dnr';
import { DEFAULT_PORTS, type Origin, type OriginScheme } from './origin';
import { parseOriginPattern, type OriginPattern } from './origin-pattern';
import { toRegexFilter } from './origin-pattern-filters';

function isIpAddress(host: string): boolean {
  return host.startsWith('[') || /^[0-9.]+$/.test(host);
}

/**
 * The conditions that together match exactly the request URLs of `pattern` (one of them must
 * match). An exact host and port is a urlFilter prefix `|scheme://host[:port]/`: the "/" ends the
 * authority, so neither `host.evil.com` nor `host@evil.com` can match, and Chrome drops a default
 * port from request URLs, which is why it is left out. A `*` scheme becomes one condition per
 * scheme. Wildcard hosts and any-port patterns need a regexFilter; a DNS host adds requestDomains
 * so the regex only runs on requests to that domain.
 */
export function destinationConditions(pattern: OriginPattern): DnrUrlCondition[] {
  const { host, port } = pattern;
  const wildcardHost = host === '*' || host.startsWith('*.');
  if (!wildcardHost && port !== '*') {
    const schemes: OriginScheme[] = pattern.scheme === '*' ? ['http', 'https'] : [pattern.scheme];
    return schemes.map((scheme) => {
      const shown = port === null || port === DEFAULT_PORTS[scheme] ? '' : `:${String(port)}`;
      return { urlFilter: `|${scheme}://${host}${shown}/` };
    });
  }
  const regexFilter = toRegexFilter(pattern);
  if (host === '*' || isIpAddress(host)) return [{ regexFilter }];
  return [{ regexFilter, requestDomains: [host.startsWith('*.') ? host.slice(2) : host] }];
}

/** The urlFilter for every request URL of one origin (the page's own). */
export function originCondition(origin: Origin): DnrUrlCondition {
  return { urlFilter: `|${origin.origin}/` };
}

/**
 * The initiatorDomains entry naming requests made by documents of `origin`, or null where DNR
 * cannot say it (an IPv6 host). Domains match subdomains and ignore scheme and port, so it names
 * more than the origin: docs/ARCHITECTURE.md says what follows from that.
 */
export function initiatorDomain(origin: Origin): string | null {
  return origin.host.startsWith('[') ? null : origin.host;
}

/** initiatorDomains for documents of any of `patterns`; null when one cannot be named. */
export function initiatorDomainsOf(patterns: readonly OriginPattern[]): string[] | null {
  const domains = new Set<string>();
  for (const { host } of patterns) {
    if (host === '*' || host.startsWith('[')) return null;
    domains.add(host.startsWith('*.') ? host.slice(2) : host);
  }
  return [...domains].sort();
}

/** Each regexFilter the patterns need, with the pattern it came from, for error messages. */
export function regexSources(patterns: readonly string[]): Map<string, string> {
  const sources = new Map<string, string>();
  for (const text of patterns) {
    const pattern = parseOriginPattern(text);
    if (typeof pattern === 'string') continue;
    for (const { regexFilter } of destinationConditions(pattern)) {
      if (regexFilter !== undefined && !sources.has(regexFilter)) sources.set(regexFilter, text);
    }
  }
  return sources;
}
