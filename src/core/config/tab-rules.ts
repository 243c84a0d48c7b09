/** A tab's page view → its declarativeNetRequest session rules. */
import {
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
import { ALL_RESOURCE_TYPES, type DnrHeaderOperation, type DnrRule } from './dnr';
import { destinationConditions, initiatorDomain, originCondition } from './dnr-match';
import { parseOrigin } from './origin';
import { parseOriginPattern } from './origin-pattern';
import { isSiteEnabled, propagationSettings } from './policy';
import { tabRuleIds } from './rule-ids';
import type { PageViewContext } from '../span/map-context';
import type { Config } from './schema';

/** The context a tab's network-mode requests share for one page view. */
export type TabPageView = Pick<PageViewContext, 'traceId' | 'spanId' | 'traceFlags' | 'url'> & {
  readonly tabId: number;
};

/**
 * Priorities: a set rule beats the allow rules, which silence the strip rules (a modifyHeaders
 * rule at or below a matching allow rule's priority is ignored, per the DNR matching rules). The
 * fail-closed rule of a tab whose rules Chrome refused beats them all.
 */
export const FAIL_CLOSED_PRIORITY = 4;
export const SET_PRIORITY = 3;
export const ALLOW_PRIORITY = 2;
export const STRIP_PRIORITY = 1;

/**
 * How long a page view's rules outlive its document in the tab (the background's PageViews).
 * Chromium runs the old document's pagehide handlers after the next document has committed, their
 * requests still the tab's, and goes on with a keepalive request (a beacon, `fetch(…, { keepalive:
 * true })`) once the document is gone, as a request of no tab, which the shared rules guard; it
 * cancels one still running 30 s after its renderer disconnected
 * (kDefaultDisconnectedKeepAliveURLLoaderTimeout, content/browser/loader/keep_alive_url_loader.cc).
 * The 5 s on top cover the moments between the tab moving on and the renderer disconnecting.
 */
export const RETIRED_VIEW_MS = 35_000;

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

/** `set` for each header (sorted, so equal inputs give equal rules), then `remove` for `stale`. */
function setOperations(
  headers: Readonly<Record<string, string>>,
  stale: readonly string[],
): DnrHeaderOperation[] {
  const ops: DnrHeaderOperation[] = Object.keys(headers)
    .sort()
    .map((header) => ({ header, operation: 'set', value: headers[header] ?? '' }));
  for (const header of stale) ops.push({ header, operation: 'remove' });
  return ops;
}

/** `remove` for each name. */
export function removeOperations(names: readonly string[]): DnrHeaderOperation[] {
  return names.map((header) => ({ header, operation: 'remove' }));
}

/**
 * The session rules for one tab in rule slot `slot`. `strip` lists the header names to remove
 * (stripHeaderNames).
 * - strip: every request the page's documents make loses its propagation headers. Fetch keeps
 *   request headers across redirects, so without it an allowed request redirected to a third party
 *   would carry our context there (invariant 1).
 * - allow (the page's own origin, from the page's documents): the page hook's headers and the
 *   page's own stand. The allow rules for targets are shared by all tabs (globalRules).
 * - set (one per network-mode target condition): the page-view context, since a declarative rule
 *   cannot vary per request; existingHeader "keep" cannot apply, the rule sets whatever the request
 *   carries.
 * Set and strip name the page's host in initiatorDomains, so a widget frame of another site in
 * the page neither gets the page view's context nor loses its own headers.
 *
 * A page view exists only for a document loaded on an enabled site. When the settings no longer
 * enable it, that document's hook goes on writing headers until its bridge hears of the change,
 * so it keeps strip and allow (no set rule) until the tab shows another document. A `retired`
 * view (the tab shows another document) keeps strip and allow only too, for RETIRED_VIEW_MS: they
 * guard what its document still sends, and add nothing to frames of its site in the next one.
 */
export function buildTabRules(
  view: TabPageView,
  config: Config,
  slot: number,
  strip: readonly string[],
  retired = false,
): DnrRule[] {
  const ids = tabRuleIds(slot);
  if (ids === null || !Number.isInteger(view.tabId) || view.tabId < 1) return [];
  const page = parseOrigin(view.url);
  if (page === null) return [];
  const tabIds = [view.tabId];
  const initiator = initiatorDomain(page);
  const byInitiator = initiator === null ? {} : { initiatorDomains: [initiator] };
  const resourceTypes = [...ALL_RESOURCE_TYPES];
  const rules: DnrRule[] = [
    {
      id: ids.strip,
      priority: STRIP_PRIORITY,
      action: { type: 'modifyHeaders', requestHeaders: removeOperations(strip) },
      condition: { tabIds, ...byInitiator, resourceTypes },
    },
    {
      id: ids.allow,
      priority: ALLOW_PRIORITY,
      action: { type: 'allow' },
      // By initiator like the strip rule it silences, so that the rules of a view that stay
      // while the tab shows the next document (PageViews) let none of that document's through.
      condition: { tabIds, ...originCondition(page), ...byInitiator, resourceTypes },
    },
  ];
  if (retired || !isSiteEnabled(config, page.origin)) return rules;
  const { traceId, spanId, traceFlags } = view;
  const headers = injectorFor(config).headersFor({ traceId, spanId, traceFlags });
  if (Object.keys(headers).length === 0) return rules;
  const requestHeaders = setOperations(headers, staleHeaders(config, headers));
  let next = ids.firstSet;
  for (const target of config.targets) {
    if (target.mode !== 'network') continue;
    const pattern = parseOriginPattern(target.match);
    if (typeof pattern === 'string') continue;
    for (const url of destinationConditions(pattern)) {
      if (next > ids.last) return rules; // beyond the slot: the parser's caps prevent this
      rules.push({
        id: next++,
        priority: SET_PRIORITY,
        action: { type: 'modifyHeaders', requestHeaders },
        condition: { tabIds, ...url, ...byInitiator, resourceTypes },
      });
    }
  }
  return rules;
}

/**
 * What replaces a tab's rules when Chrome refuses them: every propagation header of every request
 * of the tab is removed, the page hook's included, so nothing leaks while injection is off there.
 */
export function failClosedTabRules(
  tabId: number,
  slot: number,
  strip: readonly string[],
): DnrRule[] {
  const ids = tabRuleIds(slot);
  if (ids === null) return [];
  return [
    {
      id: ids.strip,
      priority: FAIL_CLOSED_PRIORITY,
      action: { type: 'modifyHeaders', requestHeaders: removeOperations(strip) },
      condition: { tabIds: [tabId], resourceTypes: [...ALL_RESOURCE_TYPES] },
    },
  ];
}
