/** The current tab as the popup sees it, and the two switches that are written at once. */
import {
  formatOriginPattern,
  matchingSites,
  parseOriginPattern,
  setSiteEnabled,
} from '../../core/config';
import type { Config } from '../../core/config/schema';

export type SiteView =
  /** Still asking which tab this is. */
  | { readonly kind: 'loading' }
  /** No http(s) page: chrome://, about:, the store, or no tab at all. */
  | { readonly kind: 'untraceable'; readonly reason: string }
  | {
      readonly kind: 'site';
      readonly origin: string;
      readonly enabled: boolean;
      /** The `sites` patterns that match the origin, shown so a wildcard match is not a surprise. */
      readonly matchedBy: readonly string[];
      /** Requests from this page get headers right now. */
      readonly injecting: boolean;
      /** Why the tab's requests lose every header though the site is enabled, or null. */
      readonly problem: string | null;
    };

/** What the popup learnt about its tab. `origin` is null for a page that is not http(s). */
export type TabLookup =
  | { readonly kind: 'loading' }
  | {
      readonly kind: 'found';
      readonly origin: string | null;
      /** The background's reason the tab is failed closed (TabStatus.problem). */
      readonly problem?: string | null;
    }
  | { readonly kind: 'failed'; readonly error: string };

export const UNTRACEABLE = 'This page can’t be traced.';

/** The origin of the page in the tab, or null while unknown or when it is not an http(s) page. */
export function pageOrigin(tab: TabLookup): string | null {
  return tab.kind === 'found' ? tab.origin : null;
}

/** What the site section shows for the tab under `config`. */
export function siteView(config: Config, tab: TabLookup): SiteView {
  if (tab.kind === 'loading') return { kind: 'loading' };
  if (tab.kind === 'failed') {
    return {
      kind: 'untraceable',
      reason: `${UNTRACEABLE} (The tab could not be read: ${tab.error})`,
    };
  }
  const origin = tab.origin;
  if (origin === null) {
    return { kind: 'untraceable', reason: `${UNTRACEABLE} Only http and https pages get headers.` };
  }
  const matchedBy = matchingSites(config, origin);
  const enabled = matchedBy.length > 0;
  const problem = enabled && config.enabled ? (tab.problem ?? null) : null;
  return {
    kind: 'site',
    origin,
    enabled,
    matchedBy,
    injecting: enabled && config.enabled && problem === null,
    problem,
  };
}

/** The config to write when the user flips the site switch. */
export function withSite(config: Config, origin: string, on: boolean): Config {
  return setSiteEnabled(config, origin, on);
}

/** The config to write when the user flips the global switch. */
export function withGlobal(config: Config, on: boolean): Config {
  return { ...config, enabled: on };
}

/**
 * True when origin pattern `match` names exactly `origin` and nothing else. A wildcard that covers
 * the origin also covers others, and requests to those are cross-origin.
 */
export function patternIsOrigin(match: string, origin: string): boolean {
  const pattern = parseOriginPattern(match);
  const exact = parseOriginPattern(origin);
  if (typeof pattern === 'string' || typeof exact === 'string') return false;
  return formatOriginPattern(pattern) === formatOriginPattern(exact);
}

/**
 * The tab a popup opened as a normal page (`popup/index.html?tabId=123`, as tests do) is about,
 * or null when the query names none and the active tab should be used.
 */
export function tabIdFromSearch(search: string): number | null {
  const raw = new URLSearchParams(search).get('tabId');
  if (raw === null || !/^\d+$/.test(raw)) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : null;
}
