/**
 * The request list as the table shows it: the shown page views' requests, filtered, sorted, each
 * CORS preflight under its request, and (with preserve log, in time order) a header row where
 * each page view starts, as the Network panel separates navigations.
 */
import type { CompiledFilter } from './filter-match';
import { filterRows } from './filter-match';
import type { PageViewGroup } from './page-view-groups';
import { rowKey, type PanelRow } from './panel-row';
import type { ShownRows } from './shown-rows';
import { sortRows, type SortOrder } from './sort';

export { shownRequests, type ShownOptions, type ShownRows } from './shown-rows';

export type ListItem =
  | { readonly kind: 'group'; readonly key: string; readonly group: PageViewGroup }
  | {
      readonly kind: 'row';
      readonly key: string;
      readonly row: PanelRow;
      /** 1 for a preflight shown under its request. */
      readonly depth: 0 | 1;
    };

// One item object per row and depth, reused from keystroke to keystroke: the list of 100,000
// items is then one array of references, not 100,000 new objects each time.
const items0 = new WeakMap<PanelRow, ListItem>();
const items1 = new WeakMap<PanelRow, ListItem>();

function itemOf(row: PanelRow, depth: 0 | 1): ListItem {
  const cache = depth === 0 ? items0 : items1;
  let item = cache.get(row);
  if (item === undefined) {
    item = { kind: 'row', key: rowKey(row), row, depth };
    cache.set(row, item);
  }
  return item;
}

/**
 * The table's items for a filter and sort; cheap enough to run on every keystroke. A preflight
 * whose request is shown goes right under it; one whose request the filter hides stays in place.
 */
export function listItems(
  shown: ShownRows,
  filter: CompiledFilter,
  sort: SortOrder | null,
  withGroupHeaders: boolean,
): ListItem[] {
  const filtered = filterRows(shown.requests, filter);
  const ordered = sort === null ? filtered : sortRows(filtered, sort);
  const { requestOf, preflightsOf } = shown;
  const matches = filter.matches;
  const items: ListItem[] = [];
  // Headers only make sense in time order, where each page view's rows stay together.
  const headers = withGroupHeaders && sort === null && shown.groups.length > 1;
  const groupOf = new Map<string, PageViewGroup>();
  if (headers) for (const g of shown.groups) groupOf.set(`${String(g.tabId)}/${g.pageViewId}`, g);
  let currentGroup = '';
  for (const row of ordered) {
    const request = requestOf.get(row);
    if (request !== undefined && matches(request)) continue; // shown under its request
    if (headers) {
      const groupKey = `${String(row.tabId)}/${row.pageViewId}`;
      const group = groupOf.get(groupKey);
      if (groupKey !== currentGroup && group !== undefined) {
        items.push({ kind: 'group', key: `group:${groupKey}`, group });
      }
      currentGroup = groupKey;
    }
    items.push(itemOf(row, 0));
    const preflights = preflightsOf.get(row);
    if (preflights !== undefined) {
      for (const preflight of preflights) if (matches(preflight)) items.push(itemOf(preflight, 1));
    }
  }
  return items;
}
