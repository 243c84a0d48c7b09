/** A tab's page view → its declarativeNetRequest session rules. */
import {
  FIXED_PROPAGATION_HEADERS,
  UBERCTX_HEADER_PREFIX,
  B3_FLAGS_HEADER,
  B3_PARENT_SPAN_ID_HEADER,
  B3_SAMPLED_HEADER,
  B3_SINGLE_HEADER,
  B3_SPAN_ID_HEADER,
  B3_TRACE_ID_HEADER,
  createInjector,
  TRACESTATE_HEADER,
  type Injector,
} from '../propagation';
import { ALL_RESOURCE_TYPES, buildTabRule, originsRegexFilter, type DnrRule } from './dnr';
import { parseOrigin } from './origin';
import { isSiteEnabled, propagationSettings } from './policy';
import type { PageViewContext } from '../span/map-context';
import type { Config } from './schema';

/** The context a tab's network-mode requests share for one page view. */
export type TabPageView = Pick<PageViewContext, 'traceId' | 'spanId' | 'traceFlags' | 'url'> & {
  readonly tabId: number;
};

const B3_HEADERS = [
  B3_SINGLE_HEADER,
  B3_TRACE_ID_HEADER,
  B3_SPAN_ID_HEADER,
  B3_PARENT_SPAN_ID_HEADER,
  B3_SAMPLED_HEADER,
  B3_FLAGS_HEADER,
];

/** One injector per config object: configs are immutable, and every tab shares it. */
const injectors = new WeakMap<Config, Injector>();

function injectorFor(config: Config): Injector {
  let injector = injectors.get(config);
  if (injector === undefined) {
    injector = createInjector(propagationSettings(config));
    injectors.set(config, injector);
  }
  return injector;
}

/**
 * Headers a request may already carry that would contradict the ones the rule sets, as the page
 * injector drops them: a tracestate belongs to the traceparent it came with (W3C Trace Context
 * §3.3), and B3 headers of the encoding we do not write describe another context.
 */
function staleHeaders(config: Config, headers: Readonly<Record<string, string>>): string[] {
  const stale: string[] = [];
  if (config.propagators.traceparent && !(TRACESTATE_HEADER in headers)) {
    stale.push(TRACESTATE_HEADER);
  }
  if (config.propagators.b3 !== 'off') {
    for (const name of B3_HEADERS) if (!(name in headers)) stale.push(name);
  }
  return stale;
}

/**
 * Ids 3s+1 … 3s+3 belong to the tab in rule slot s. Slots are small numbers the background
 * hands out per tab: Chromium's tab ids can exceed 2^29, too large to derive 32-bit ids from.
 */
const RULES_PER_TAB = 3;
const MAX_RULE_ID = 0x7fffffff;

/**
 * Priorities: the set rule beats the allow rule, which silences the strip rule (a modifyHeaders
 * rule at or below a matching allow rule's priority is ignored, per the DNR matching rules).
 */
export const SET_PRIORITY = 3;
export const ALLOW_PRIORITY = 2;
export const STRIP_PRIORITY = 1;

export function tabRuleIds(slot: number): { set: number; allow: number; strip: number } {
  const base = slot * RULES_PER_TAB;
  return { set: base + 1, allow: base + 2, strip: base + 3 };
}

/** Every header name the strip rule removes: our formats, and uberctx-* for configured keys. */
function stripNames(config: Config): string[] {
  const uberctx = config.baggage.map((e) => `${UBERCTX_HEADER_PREFIX}${e.key.toLowerCase()}`);
  return [...new Set([...FIXED_PROPAGATION_HEADERS, ...uberctx])];
}

/**
 * The session rules for one tab, in rule slot `slot`, whose page view is on an enabled site
 * (none otherwise):
 * - set (network-mode targets): the page-view context, since a declarative rule cannot vary
 *   per request; existingHeader "keep" cannot apply, the rule sets whatever the request carries;
 * - allow (the page's origin and every target): the hook's headers and the set rule's stand;
 * - strip (every other URL): removes propagation headers. Fetch keeps request headers across
 *   redirects, so without it an allowed request redirected to a third party would carry our
 *   context there (invariant 1).
 */
export function buildTabRules(view: TabPageView, config: Config, slot: number): DnrRule[] {
  if (!Number.isInteger(view.tabId) || view.tabId < 1) return [];
  if (!Number.isInteger(slot) || slot < 0) return [];
  const ids = tabRuleIds(slot);
  if (ids.strip > MAX_RULE_ID) return [];
  const page = parseOrigin(view.url);
  if (page === null || !isSiteEnabled(config, page.origin)) return [];
  const resourceTypes = [...ALL_RESOURCE_TYPES];
  const tabIds = [view.tabId];
  const rules: DnrRule[] = [];

  const networkTargets = config.targets.filter((t) => t.mode === 'network').map((t) => t.match);
  const { traceId, spanId, traceFlags } = view;
  const headers = injectorFor(config).headersFor({ traceId, spanId, traceFlags });
  const set = buildTabRule(
    ids.set,
    view.tabId,
    headers,
    networkTargets,
    staleHeaders(config, headers),
    SET_PRIORITY,
  );
  if (set !== null) rules.push(set);

  const allowed = originsRegexFilter([page.origin, ...config.targets.map((t) => t.match)]);
  if (allowed !== null) {
    rules.push({
      id: ids.allow,
      priority: ALLOW_PRIORITY,
      action: { type: 'allow' },
      condition: { tabIds, regexFilter: allowed, resourceTypes },
    });
  }
  rules.push({
    id: ids.strip,
    priority: STRIP_PRIORITY,
    action: {
      type: 'modifyHeaders',
      requestHeaders: stripNames(config).map((header) => ({ header, operation: 'remove' })),
    },
    condition: { tabIds, resourceTypes },
  });
  return rules;
}
