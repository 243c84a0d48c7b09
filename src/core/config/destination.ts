/** The one decision behind invariant 1: which requests of an enabled page may carry headers. */
import type { Origin } from './origin';
import { originMatches, parseOriginPattern, type OriginPattern } from './origin-pattern';
import type { TargetMode } from './schema';

/**
 * Parses patterns once for repeated matching. A pattern that does not parse (possible in a config
 * built by hand or in forged hook settings, never in a config from parseConfig) matches nothing.
 */
export function compilePatterns(patterns: readonly string[]): OriginPattern[] {
  const compiled: OriginPattern[] = [];
  // Hook settings cross the page channel, so a list may not even be a list.
  const list: unknown = patterns;
  if (!Array.isArray(list)) return compiled;
  for (const text of list as unknown[]) {
    const pattern = parseOriginPattern(text);
    if (typeof pattern !== 'string') compiled.push(pattern);
  }
  return compiled;
}

export function matchesAny(patterns: readonly OriginPattern[], origin: Origin): boolean {
  for (const pattern of patterns) {
    if (originMatches(pattern, origin)) return true;
  }
  return false;
}

/**
 * How a request from an enabled page reaches `destination`: 'network' when a network-mode target
 * matches (even the page's own origin), else 'page' for the page's origin or a page-mode target,
 * else null: a third party, which gets nothing. Network wins regardless of list order because the
 * declarative rule's regexFilter (RE2, no lookahead) cannot carve exceptions out of a target; any
 * other rule would let the page hook and the rule both write headers on one request.
 */
export function decideMode(
  page: Origin,
  destination: Origin,
  networkTargets: readonly OriginPattern[],
  pageTargets: readonly OriginPattern[],
): TargetMode | null {
  if (matchesAny(networkTargets, destination)) return 'network';
  if (destination.origin === page.origin || matchesAny(pageTargets, destination)) return 'page';
  return null;
}
