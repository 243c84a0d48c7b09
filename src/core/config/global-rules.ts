/**
 * The session rules every enabled tab shares, and the ones for requests no tab made (a page's
 * service worker forwarding `fetch(event.request)`, shared workers): those have tabId -1
 * (tabs.TAB_ID_NONE), so the tabs' strip rules never see them.
 */
import { ALL_RESOURCE_TYPES, type DnrRule, type DnrUrlCondition } from './dnr';
import { destinationConditions, initiatorDomainsOf } from './dnr-match';
import { parseOriginPattern, type OriginPattern } from './origin-pattern';
import { GLOBAL_RULE_RANGE } from './rule-ids';
import type { Config } from './schema';
import { ALLOW_PRIORITY, removeOperations, STRIP_PRIORITY } from './tab-rules';

/** chrome.tabs.TAB_ID_NONE: the tabId of requests that no tab made. */
export const TAB_ID_NONE = -1;

function patternsOf(list: readonly string[]): OriginPattern[] {
  const patterns: OriginPattern[] = [];
  for (const text of list) {
    const pattern = parseOriginPattern(text);
    if (typeof pattern !== 'string') patterns.push(pattern);
  }
  return patterns;
}

/**
 * - strip (tabless requests made by an enabled site's workers, by initiatorDomains): propagation
 *   headers removed, unless the request goes to an enabled site or a target. Without it a service
 *   worker forwarding a page's request carries the page's context through any redirect.
 * - allow, one per destination condition: targets for every request (an allow rule only silences
 *   our own strip rules, so in tabs that have none it changes nothing, and naming no tabs keeps it
 *   unchanged as tabs come and go); enabled sites for tabless requests only (for a tab, another
 *   enabled site is a third party).
 * None when injection is off or no site is enabled: requests stay exactly as the page made them.
 */
export function buildGlobalRules(config: Config, strip: readonly string[]): DnrRule[] {
  const sites = patternsOf(config.sites);
  if (!config.enabled || sites.length === 0) return [];
  const resourceTypes = [...ALL_RESOURCE_TYPES];
  const initiators = initiatorDomainsOf(sites);
  let id = GLOBAL_RULE_RANGE.first;
  const rules: DnrRule[] = [
    {
      id: id++,
      priority: STRIP_PRIORITY,
      action: { type: 'modifyHeaders', requestHeaders: removeOperations(strip) },
      condition: {
        tabIds: [TAB_ID_NONE],
        ...(initiators === null ? {} : { initiatorDomains: initiators }),
        resourceTypes,
      },
    },
  ];
  // One allow rule per distinct condition; a site that is also a target is allowed everywhere.
  const allowed = new Map<string, { url: DnrUrlCondition; tablessOnly: boolean }>();
  const allow = (patterns: readonly OriginPattern[], tablessOnly: boolean) => {
    for (const pattern of patterns) {
      for (const url of destinationConditions(pattern)) {
        const key = JSON.stringify(url);
        const seen = allowed.get(key);
        allowed.set(key, { url, tablessOnly: tablessOnly && (seen?.tablessOnly ?? true) });
      }
    }
  };
  allow(sites, true);
  allow(patternsOf(config.targets.map((t) => t.match)), false);
  for (const { url, tablessOnly } of allowed.values()) {
    if (id > GLOBAL_RULE_RANGE.last) break; // the parser's caps prevent this
    rules.push({
      id: id++,
      priority: ALLOW_PRIORITY,
      action: { type: 'allow' },
      condition: { ...(tablessOnly ? { tabIds: [TAB_ID_NONE] } : {}), ...url, resourceTypes },
    });
  }
  return rules;
}
