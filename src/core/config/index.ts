export type {
  Config,
  ConfigBaggageEntry,
  Propagators,
  RecordingConfig,
  SamplingConfig,
  Target,
  TargetMode,
} from './schema';
export { CONFIG_VERSION, DEFAULT_CONFIG } from './schema';
export type { ParseConfigResult } from './parse';
export { parseConfig } from './parse';
export type { Migration, UpgradeResult } from './migrate';
export { MIGRATIONS, migrate, upgradeConfig } from './migrate';
export type { Origin, OriginScheme } from './origin';
export { DEFAULT_PORTS, parseOrigin } from './origin';
export type { OriginPattern, PatternScheme } from './origin-pattern';
export {
  formatOriginPattern,
  matchesOrigin,
  originMatches,
  parseOriginPattern,
} from './origin-pattern';
export { toMatchPattern, toRegexFilter } from './origin-pattern-filters';
export { destinationMode, isSiteEnabled, propagationSettings } from './policy';
export type { HookSettings } from './policy';
export { hookSettings } from './policy';
export type { HookPlan } from './hook-plan';
export { compileHookPlan, hookDestinations } from './hook-plan';
export { hookMatches } from './hook-match';
export { matchingSites, setSiteEnabled } from './sites';
export type {
  DnrAllowRule,
  DnrCondition,
  DnrHeaderOperation,
  DnrModifyRule,
  DnrResourceType,
  DnrRule,
  ReportedRule,
} from './dnr';
export { ALL_RESOURCE_TYPES, DNR_RULE_PRIORITY } from './dnr';
export type { DnrRuleDiff, DnrUrlCondition } from './dnr';
export { diffRules } from './dnr';
export { destinationConditions, initiatorDomain, originCondition } from './dnr-match';
export { buildGlobalRules, TAB_ID_NONE } from './global-rules';
export type { RuleGroup, RulePlan, TabSlot } from './rule-groups';
export {
  buildRuleGroups,
  idsInRange,
  planRuleUpdates,
  regexFiltersOf,
  withoutRegexes,
} from './rule-groups';
export type { IdRange, TabRuleIds } from './rule-ids';
export { GLOBAL_RULE_IDS, GLOBAL_RULE_RANGE, RULES_PER_TAB, tabRuleIds } from './rule-ids';
export {
  configuredUberctxNames,
  MAX_LEARNED_UBERCTX,
  isUberctxName,
  stripHeaderNames,
} from './strip-headers';
export type { TabPageView } from './tab-rules';
export {
  ALLOW_PRIORITY,
  buildTabRules,
  FAIL_CLOSED_PRIORITY,
  failClosedTabRules,
  RETIRED_VIEW_MS,
  SET_PRIORITY,
  STRIP_PRIORITY,
} from './tab-rules';
