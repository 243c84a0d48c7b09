/**
 * Session-rule ids: 1 … GLOBAL_RULE_IDS belong to the rules every tab shares (globalRules), and
 * each tab holding rule slot s owns the next RULES_PER_TAB ids. Slots are small numbers the
 * background hands out per tab: Chromium's tab ids can exceed 2^29, too large to derive ids from.
 */

/** Each site and target gives at most two conditions (a `*` scheme is one per scheme). */
export const MAX_CONDITIONS_PER_PATTERN = 2;

/** Shared rules: the tabless strip rule, and an allow rule per site and target condition. */
export const GLOBAL_RULE_IDS = 512;
/** A tab's rules: strip, allow for its page, and a set rule per network-mode target condition. */
export const RULES_PER_TAB = 128;
const MAX_RULE_ID = 0x7fffffff;

export interface IdRange {
  readonly first: number;
  readonly last: number;
}

export interface TabRuleIds extends IdRange {
  readonly strip: number;
  readonly allow: number;
  readonly firstSet: number;
}

export const GLOBAL_RULE_RANGE: IdRange = { first: 1, last: GLOBAL_RULE_IDS };

/** The ids of rule slot `slot`, or null when the slot is not a usable number. */
export function tabRuleIds(slot: number): TabRuleIds | null {
  if (!Number.isInteger(slot) || slot < 0) return null;
  const first = GLOBAL_RULE_IDS + slot * RULES_PER_TAB + 1;
  const last = first + RULES_PER_TAB - 1;
  if (last > MAX_RULE_ID) return null;
  return { first, last, strip: first, allow: first + 1, firstSet: first + 2 };
}
