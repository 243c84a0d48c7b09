/**
 * The request list as the table shows it: the shown page views' requests, filtered, sorted, each
 * CORS preflight under its request, and (with preserve log, in time order) a header row where
 * each page view starts, as the Network panel separates navigations.
 */
import { SPAN_KIND_INTERNAL } from '../../../core/span/model';
import type { CompiledFilter } from './filter-match';
import { filterRows } from './filter-match';
import { shownPageViews, type PageViewGroup } from './page-view-groups';
import { rowKey, type PanelRow } from './panel-row';
import { nestPreflights, pairPreflights } from './preflight';
import { sortRows, type SortOrder } from './sort';

export type ListItem =
  | { readonly kind: 'group'; readonly key: string; readonly group: PageViewGroup }
  | {
      readonly kind: 'row';
      readonly key: string;
      readonly row: PanelRow;
      /** 1 for a preflight shown under its request. */
      readonly depth: 0 | 1;
    };

export interface ShownRows {
  readonly groups: readonly PageViewGroup[];
  /** The requests of the shown page views (no page-view spans: they head their group). */
  readonly requests: readonly PanelRow[];
  readonly pairs: ReadonlyMap<string, PanelRow>;
}

export interface ShownOptions {
  /** The tab whose page views are shown; undefined for every tab. */
  readonly tabId?: number;
  readonly preserveLog: boolean;
}

/** The page views on show and their requests; recomputed only when rows or scope change. */
export function shownRequests(rows: readonly PanelRow[], options: ShownOptions): ShownRows {
  const groups = shownPageViews(rows, {
    ...(options.tabId === undefined ? {} : { inspectedTabId: options.tabId }),
    preserveLog: options.preserveLog,
  });
  const requests: PanelRow[] = [];
  for (const group of groups) {
    for (const row of group.rows) if (row.kind !== SPAN_KIND_INTERNAL) requests.push(row);
  }
  return { groups, requests, pairs: pairPreflights(requests) };
}

/** The table's items for a filter and sort; cheap enough to run on every keystroke. */
export function listItems(
  shown: ShownRows,
  filter: CompiledFilter,
  sort: SortOrder | null,
  withGroupHeaders: boolean,
): ListItem[] {
  const filtered = filterRows(shown.requests, filter);
  const ordered = sort === null ? filtered : sortRows(filtered, sort);
  const nested = nestPreflights(ordered, shown.pairs);
  const items: ListItem[] = [];
  // Headers only make sense in time order, where each page view's rows stay together.
  const headers = withGroupHeaders && sort === null && shown.groups.length > 1;
  const groupOf = new Map<string, PageViewGroup>();
  if (headers) for (const g of shown.groups) groupOf.set(`${String(g.tabId)}/${g.pageViewId}`, g);
  let currentGroup = '';
  for (const { row, depth } of nested) {
    if (headers) {
      const groupKey = `${String(row.tabId)}/${row.pageViewId}`;
      const group = groupOf.get(groupKey);
      if (groupKey !== currentGroup && group !== undefined) {
        items.push({ kind: 'group', key: `group:${groupKey}`, group });
      }
      currentGroup = groupKey;
    }
    items.push({ kind: 'row', key: rowKey(row), row, depth });
  }
  return items;
}
