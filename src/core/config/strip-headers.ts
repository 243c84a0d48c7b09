/** The propagation headers the strip rules remove (declarativeNetRequest names no prefixes). */
import { FIXED_PROPAGATION_HEADERS, UBERCTX_HEADER_PREFIX } from '../propagation';
import type { Config } from './schema';

/**
 * At most this many `uberctx-*` names learned from pages' own requests are stripped besides the
 * configured keys; past it, the page hook drops a page's new uberctx headers itself.
 */
export const MAX_LEARNED_UBERCTX = 64;

/** True for a header name a strip rule may carry: lowercase `uberctx-` + a token. */
export function isUberctxName(name: string): boolean {
  return (
    name.length > UBERCTX_HEADER_PREFIX.length &&
    name.length <= 256 &&
    name.startsWith(UBERCTX_HEADER_PREFIX) &&
    /^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(name)
  );
}

/** The `uberctx-{key}` names the configured baggage keys give (Jaeger baggage). */
export function configuredUberctxNames(config: Config): string[] {
  return config.baggage.map(({ key }) => UBERCTX_HEADER_PREFIX + key.toLowerCase());
}

/**
 * Every header name a strip rule removes: our formats, `uberctx-` for each configured baggage key,
 * and the `uberctx-*` names pages were seen to set (`learned`, lowercase), sorted and unique.
 * Chrome cannot remove headers by prefix, so an uberctx header nobody has named would pass.
 */
export function stripHeaderNames(config: Config, learned: readonly string[] = []): string[] {
  const names = new Set(FIXED_PROPAGATION_HEADERS);
  for (const name of configuredUberctxNames(config)) names.add(name);
  for (const name of learned) if (isUberctxName(name)) names.add(name);
  return [...names].sort();
}
