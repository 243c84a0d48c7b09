/**
 * All session rules, cut into groups the background applies one updateSessionRules call each: the
 * shared group, then one per tab. Chrome refuses a whole call when one rule is wrong (a regex over
 * its memory budget, a full quota), so one tab's refusal must not take every tab's rules with it.
 */
import { diffRules, type DnrRule, type DnrRuleDiff, type ReportedRule } from './dnr';
import { buildGlobalRules } from './global-rules';
import { GLOBAL_RULE_RANGE, tabRuleIds, type IdRange } from './rule-ids';
import type { Config } from './schema';
import { stripHeaderNames } from './strip-headers';
import { buildTabRules, failClosedTabRules, type TabPageView } from './tab-rules';

export interface RuleGroup {
  /** `shared`, or `tab:<tabId>`. */
  readonly key: string;
  /** The tab the group belongs to; null for the shared group. */
  readonly tabId: number | null;
  /** The rule ids the group owns: every current rule in it that is not desired is removed. */
  readonly range: IdRange;
  readonly rules: readonly DnrRule[];
  /** What takes the range instead when Chrome refuses `rules`: nothing leaks meanwhile. */
  readonly failClosed: readonly DnrRule[];
}

export interface TabSlot {
  readonly view: TabPageView;
  readonly slot: number;
  /** The tab no longer shows the view's document, whose requests may still be in flight. */
  readonly retired?: boolean;
}

/** The groups for the settings, the tabs' page views and the learned uberctx names. */
export function buildRuleGroups(
  config: Config,
  tabs: readonly TabSlot[],
  learned: readonly string[] = [],
): RuleGroup[] {
  const strip = stripHeaderNames(config, learned);
  const groups: RuleGroup[] = [];
  for (const { view, slot, retired = false } of tabs) {
    const range = tabRuleIds(slot);
    if (range === null) continue;
    groups.push({
      key: `tab:${String(view.tabId)}`,
      tabId: view.tabId,
      range,
      rules: buildTabRules(view, config, slot, strip, retired),
      failClosed: failClosedTabRules(view.tabId, slot, strip),
    });
  }
  // The shared rules guard what an enabled page's hook or rules put on requests; with no tab on
  // an enabled site there is nothing to guard. Chromium matches every request of every tab against
  // every rule: with them in place, each request of another site paid about 300 µs more
  // (docs/ARCHITECTURE.md, "What the rules cost a page"), so there are none.
  const shared = groups.some((g) => g.rules.length > 0) ? buildGlobalRules(config, strip) : [];
  // Tabs first: a tab's strip rule is in place before the shared allow rules it relies on change.
  groups.push({
    key: 'shared',
    tabId: null,
    range: GLOBAL_RULE_RANGE,
    rules: shared,
    failClosed: shared.filter((rule) => rule.action.type === 'modifyHeaders'),
  });
  return groups;
}

function inRange(id: number, range: IdRange): boolean {
  return id >= range.first && id <= range.last;
}

export interface RulePlan<R extends ReportedRule = DnrRule> {
  /** Current rules no group owns (tabs that closed, older id layouts): removed first. */
  readonly orphanIds: number[];
  /** Per group, the call that brings its range in line; both lists empty when it already is. */
  readonly updates: readonly { readonly group: RuleGroup; readonly diff: DnrRuleDiff<R> }[];
}

/** What to call to turn the `current` session rules into the groups' rules, group by group. */
export function planRuleUpdates(
  current: readonly ReportedRule[],
  groups: readonly RuleGroup[],
): RulePlan {
  const owned = (id: number) => groups.some((g) => inRange(id, g.range));
  return {
    orphanIds: current
      .map((r) => r.id)
      .filter((id) => !owned(id))
      .sort((a, b) => a - b),
    updates: groups.map((group) => ({
      group,
      diff: diffRules(
        current.filter((r) => inRange(r.id, group.range)),
        group.rules,
      ),
    })),
  };
}

/** The ids of `current` inside `range`, for replacing a group wholesale. */
export function idsInRange(current: readonly ReportedRule[], range: IdRange): number[] {
  return current.map((r) => r.id).filter((id) => inRange(id, range));
}

/** Every distinct regexFilter the groups use, to check with isRegexSupported before applying. */
export function regexFiltersOf(groups: readonly RuleGroup[]): string[] {
  const regexes = new Set<string>();
  for (const group of groups) {
    for (const rule of group.rules) {
      if (rule.condition.regexFilter !== undefined) regexes.add(rule.condition.regexFilter);
    }
  }
  return [...regexes];
}

/**
 * The groups without the rules whose regexFilter Chrome cannot compile. Dropping one only ever
 * closes: a missing allow rule leaves its destination stripped, a missing set rule leaves it bare.
 */
export function withoutRegexes(
  groups: readonly RuleGroup[],
  unsupported: ReadonlySet<string>,
): RuleGroup[] {
  if (unsupported.size === 0) return [...groups];
  const keep = (rule: DnrRule) =>
    rule.condition.regexFilter === undefined || !unsupported.has(rule.condition.regexFilter);
  return groups.map((group) => ({ ...group, rules: group.rules.filter(keep) }));
}
