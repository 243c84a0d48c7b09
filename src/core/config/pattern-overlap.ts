/** Whether two origin patterns can name the same origin: what the page hook needs to be told. */
import { DEFAULT_PORTS, type OriginScheme } from './origin';
import type { OriginPattern } from './origin-pattern';

const SCHEMES: readonly OriginScheme[] = ['http', 'https'];

function schemesOf(pattern: OriginPattern): readonly OriginScheme[] {
  return pattern.scheme === '*' ? SCHEMES : [pattern.scheme];
}

/** The port a pattern names for one scheme: a number, or '*'. */
function portFor(pattern: OriginPattern, scheme: OriginScheme): number | '*' {
  return pattern.port === null ? DEFAULT_PORTS[scheme] : pattern.port;
}

/** `*.d` names hosts of exactly one more label than d (originMatches), so two such only meet if d is d. */
function hostsOverlap(a: string, b: string): boolean {
  if (a === '*' || b === '*' || a === b) return true;
  const aWild = a.startsWith('*.');
  if (aWild === b.startsWith('*.')) return false; // two different exact hosts, or two wildcards
  const [pattern, host] = aWild ? [a, b] : [b, a];
  const suffix = pattern.slice(1);
  const label = host.slice(0, host.length - suffix.length);
  return host.endsWith(suffix) && label !== '' && !label.includes('.');
}

/** True when some origin matches both patterns. */
export function patternsOverlap(a: OriginPattern, b: OriginPattern): boolean {
  if (!hostsOverlap(a.host, b.host)) return false;
  return schemesOf(a).some((scheme) => {
    if (!schemesOf(b).includes(scheme)) return false;
    const pa = portFor(a, scheme);
    const pb = portFor(b, scheme);
    return pa === '*' || pb === '*' || pa === pb;
  });
}
