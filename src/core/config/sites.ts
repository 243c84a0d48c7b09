/** The popup's site toggle. */
import { parseOrigin } from './origin';
import { formatOriginPattern, matchesOrigin, parseOriginPattern } from './origin-pattern';
import type { Config } from './schema';

/** The `sites` patterns that match the page's origin (or URL). */
export function matchingSites(config: Config, origin: string): string[] {
  return config.sites.filter((site) => {
    const pattern = parseOriginPattern(site);
    return typeof pattern !== 'string' && matchesOrigin(pattern, origin);
  });
}

/**
 * Turns the extension on or off for one page origin. On: adds the exact origin as a pattern unless
 * a pattern already matches it. Off: removes every pattern that matches it, which may be a
 * wildcard such as `http://localhost:*` that covered other origins too. Returns the same object
 * when nothing changes, or when the origin cannot be a site (not http(s), or a host no pattern
 * can name, such as one with a trailing dot). Leaves the global switch alone.
 */
export function setSiteEnabled(config: Config, origin: string, on: boolean): Config {
  const parsed = parseOrigin(origin);
  if (parsed === null) return config;
  const matching = matchingSites(config, parsed.origin);
  if (on) {
    if (matching.length > 0) return config;
    const pattern = parseOriginPattern(parsed.origin);
    if (typeof pattern === 'string') return config;
    return { ...config, sites: [...config.sites, formatOriginPattern(pattern)] };
  }
  if (matching.length === 0) return config;
  return { ...config, sites: config.sites.filter((site) => !matching.includes(site)) };
}
