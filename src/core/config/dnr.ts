/**
 * declarativeNetRequest session rules for network-mode targets, built as plain data so the
 * background can diff them before applying (the uBlock Origin Lite approach). The types mirror
 * the subset of chrome.declarativeNetRequest.Rule we use; core has no chrome typings.
 */
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
export interface DnrCondition extends DnrUrlCondition {
  /** Absent: requests of every tab, and those of no tab. */
  readonly tabIds?: number[];
  /** Requests whose initiator (the document or worker that made them) is on these domains. */
  readonly initiatorDomains?: string[];
  readonly resourceTypes: DnrResourceType[];
}

/** Which request URLs a rule matches; every field absent means every URL. */
export interface DnrUrlCondition {
  /** Chrome's URL filter syntax; ours are `|scheme://host[:port]/` prefixes. */
  readonly urlFilter?: string;
  /** RE2, at most 2 KB compiled: check with isRegexSupported before adding. */
  readonly regexFilter?: string;
  /** Request hosts on these domains or their subdomains (a prefilter for a regexFilter). */
  readonly requestDomains?: string[];
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
    readonly urlFilter?: string | undefined;
    readonly regexFilter?: string | undefined;
    readonly requestDomains?: readonly string[] | undefined;
    readonly initiatorDomains?: readonly string[] | undefined;
    readonly resourceTypes?: readonly string[] | undefined;
  };
}

/**
 * Chrome reports a rule without a priority as priority 1; setting it keeps a rule read back
 * from getSessionRules equal to the one we built.
 */
export const DNR_RULE_PRIORITY = 1;

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
    condition.urlFilter ?? null,
    condition.regexFilter ?? null,
    [...(condition.requestDomains ?? [])].sort(),
    [...(condition.initiatorDomains ?? [])].sort(),
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
