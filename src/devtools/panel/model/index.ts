// The DevTools panel's view model: plain TypeScript the components subscribe to (DESIGN §5).
export type { PanelRow } from './panel-row';
export { rowEnd, rowKey, toPanelRow } from './panel-row';
export type { FilterTerm, ParsedFilter, TermTest } from './filter-terms';
export { MAX_FILTER_TERMS, parseFilter } from './filter-parse';
export type { AttributeLookup, CompiledFilter, FilterOptions } from './filter-match';
export { compileFilter, filterRows } from './filter-match';
export type { SortColumn, SortDirection, SortOrder } from './sort';
export { isSortColumn, nextSortOrder, rowComparator, sortRows } from './sort';
export type { TraceGroup } from './trace-groups';
export { groupByTrace } from './trace-groups';
export type { PageViewGroup, PageViewOptions } from './page-view-groups';
export { groupByPageView, shownPageViews, shownRows } from './page-view-groups';
export type { NestedRow } from './preflight';
export { isPreflight, nestPreflights, pairPreflights, PREFLIGHT_WINDOW_MS } from './preflight';
export type { Adoption, AdoptionReason, SpanNode, SpanTree, TreeSpan } from './span-tree';
export { buildSpanTree, spanKey, walkTree } from './span-tree';
export {
  isPageViewSpan,
  pageViewAdoptions,
  preflightAdoptions,
  treeAdoptions,
} from './tree-adoption';
export type { Collapsed, FilterVisibility, VisibleNode } from './tree-view';
export {
  collapseAll,
  EXPAND_ALL,
  flattenTree,
  revealNode,
  toggleNode,
  visibleWithAncestors,
} from './tree-view';
export type { CriticalSection } from './critical-path';
export { criticalKeys, criticalPath } from './critical-path';
export type { Bar, Tick, TimeRange } from './waterfall';
export {
  barOf,
  MIN_BAR_WIDTH_PERCENT,
  rangeOf,
  rowBars,
  ticks,
  tickStep,
  zoomRange,
} from './waterfall';
export type { BreakdownOptions, PhaseId, TimingBreakdown, TimingPhase } from './timing-breakdown';
export { PHASE_LABELS, timingBreakdown } from './timing-breakdown';
export type { Percentiles } from './percentiles';
export { nearestRank, percentiles, sortedValues } from './percentiles';
export type { RedStat } from './red-stats';
export { coveredRange, redByName } from './red-stats';
export type { Dependency, PageOriginOf } from './dependencies';
export { dependencies } from './dependencies';
export type { JaegerExportOptions, JaegerUpload } from './jaeger-json';
export { msToMicros, toJaegerUpload } from './jaeger-json';
export type { EntryIssue, HarImport } from './import-har';
export { harEntries, importHar, MAX_IMPORTED_ENTRIES } from './import-har';
export type { BackendLinkSettings, LinkTarget } from '../../../core/otlp/backend-link';
export { backendLink } from '../../../core/otlp/backend-link';
