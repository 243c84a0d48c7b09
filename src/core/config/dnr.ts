/**
 * declarativeNetRequest session rules for network-mode targets, built as plain data so the
 * background can diff them before applying (the uBlock Origin Lite approach). The types mirror
 * the subset of chrome.declarativeNetRequest.Rule we use; core has no chrome typings.
 */
import { parseOriginPattern } from './origin-pattern';
import { regexBody } from './origin-pattern-filters';

/** Every DNR resource type, so navigations, subresources and beacons all carry the context. */
export const ALL_RESOURCE_TYPES = [
  'main_frame',
  'sub_frame',
  'stylesheet',
  'script',
  'image',
  'font',
  'object',
  'xmlhttprequest',
  'ping',
  'csp_report',
  'media',
  'websocket',
  'webtransport',
  'webbundle',
  'other',
] as const;

export type DnrResourceType = (typeof ALL_RESOURCE_TYPES)[number];

export interface DnrHeaderOperation {
  readonly header: string;
  readonly operation: 'set' | 'remove';
  /** Present for 'set' only. */
  readonly value?: string;
}

/**
 * One session rule as we build it. The lists are mutable types only so that a DnrRule is
 * assignable to chrome.declarativeNetRequest.Rule without a cast; never mutate them.
 */
export interface DnrCondition {
  readonly tabIds: number[];
  /** Absent: every URL. */
  readonly regexFilter?: string;
  readonly resourceTypes: DnrResourceType[];
}

export interface DnrModifyRule {
  readonly id: number;
  /** Chrome treats a missing priority as 1. */
  readonly priority?: number;
  readonly action: {
    readonly type: 'modifyHeaders';
    readonly requestHeaders: DnrHeaderOperation[];
  };
  readonly condition: DnrCondition;
}

export interface DnrAllowRule {
  readonly id: number;
  readonly priority?: number;
  readonly action: { readonly type: 'allow' };
  readonly condition: DnrCondition;
}

export type DnrRule = DnrModifyRule | DnrAllowRule;

/** A session rule as getSessionRules reports it; chrome.declarativeNetRequest.Rule fits. */
export interface ReportedRule {
  readonly id: number;
  readonly priority?: number | undefined;
  readonly action: {
    readonly type: string;
    readonly requestHeaders?:
      | readonly {
          readonly header: string;
          readonly operation: string;
          readonly value?: string | undefined;
        }[]
      | undefined;
  };
  readonly condition: {
    readonly tabIds?: readonly number[] | undefined;
    readonly regexFilter?: string | undefined;
    readonly resourceTypes?: readonly string[] | undefined;
  };
}

/**
 * Chrome reports a rule without a priority as priority 1; setting it keeps a rule read back
 * from getSessionRules equal to the one we built.
 */
export const DNR_RULE_PRIORITY = 1;

/**
 * The one rule that gives a tab's requests to network-mode targets the page-view headers:
 * `set` for each header (sorted by name, so equal inputs give equal rules), `remove` for each name
 * in `remove` (e.g. a page's stale tracestate next to our traceparent), scoped to the tab and to a
 * single regexFilter alternating the targets. Null when there is nothing to set or no valid target.
 * Chrome caps a regexFilter's compiled size, so check it with isRegexSupported before adding.
 */
export function buildTabRule(
  ruleId: number,
  tabId: number,
  headers: Readonly<Record<string, string>>,
  networkTargets: readonly string[],
  remove: readonly string[] = [],
  priority = DNR_RULE_PRIORITY,
): DnrModifyRule | null {
  const names = Object.keys(headers).sort();
  if (names.length === 0) return null;
  const regexFilter = originsRegexFilter(networkTargets);
  if (regexFilter === null) return null;
  const requestHeaders: DnrHeaderOperation[] = names.map((header) => ({
    header,
    operation: 'set',
    value: headers[header] ?? '',
  }));
  for (const header of remove) {
    if (!names.includes(header)) requestHeaders.push({ header, operation: 'remove' });
  }
  return {
    id: ruleId,
    priority,
    action: { type: 'modifyHeaders', requestHeaders },
    condition: {
      tabIds: [tabId],
      regexFilter,
      resourceTypes: [...ALL_RESOURCE_TYPES],
    },
  };
}

/** One regexFilter alternating the given origin patterns; null when none of them is valid. */
export function originsRegexFilter(patterns: readonly string[]): string | null {
  const bodies = new Set<string>();
  for (const text of patterns) {
    const pattern = parseOriginPattern(text);
    if (typeof pattern !== 'string') bodies.add(regexBody(pattern));
  }
  const list = [...bodies];
  if (list.length === 0) return null;
  return list.length === 1 ? `^${list[0] ?? ''}` : `^(?:${list.join('|')})`;
}

export interface DnrRuleDiff<R extends ReportedRule = DnrRule> {
  readonly removeRuleIds: number[];
  readonly addRules: R[];
}

/**
 * A rule's identity for comparison: only the fields we set, in a fixed order, with header names
 * lowercased and lists sorted where order carries no meaning. Fields Chrome adds when it reports
 * rules back are ignored, so reading the current rules never makes an unchanged rule look new.
 */
function ruleKey(rule: ReportedRule): string {
  const { action, condition } = rule;
  return JSON.stringify([
    rule.id,
    rule.priority ?? DNR_RULE_PRIORITY,
    action.type,
    (action.requestHeaders ?? []).map((h) => [
      h.header.toLowerCase(),
      h.operation,
      h.value ?? null,
    ]),
    [...(condition.tabIds ?? [])].sort((a, b) => a - b),
    condition.regexFilter ?? null,
    [...(condition.resourceTypes ?? [])].sort(),
  ]);
}

/**
 * The updateSessionRules arguments that turn `current` into `desired`: unchanged rules stay,
 * changed ones are removed and re-added under the same id, ids only in `current` are removed.
 * Both lists empty when nothing changed, so the caller can skip the call. Rule ids are unique
 * within each list. Only the fields DnrRule has are compared, which is all our rules carry.
 */
export function diffRules<R extends ReportedRule = DnrRule>(
  current: readonly ReportedRule[],
  desired: readonly R[],
): DnrRuleDiff<R> {
  const currentKeys = new Map<number, string>();
  for (const rule of current) currentKeys.set(rule.id, ruleKey(rule));
  const desiredIds = new Set<number>();
  const removeRuleIds: number[] = [];
  const addRules: R[] = [];
  for (const rule of desired) {
    desiredIds.add(rule.id);
    const key = currentKeys.get(rule.id);
    if (key === ruleKey(rule)) continue;
    if (key !== undefined) removeRuleIds.push(rule.id);
    addRules.push(rule);
  }
  for (const id of currentKeys.keys()) {
    if (!desiredIds.has(id)) removeRuleIds.push(id);
  }
  removeRuleIds.sort((a, b) => a - b);
  return { removeRuleIds, addRules };
}
