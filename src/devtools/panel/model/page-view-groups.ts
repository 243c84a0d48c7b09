/**
 * Rows grouped by page view (one document of one tab), and what the list shows of them. Like the
 * Network panel: without "preserve log", a navigation clears the list, so only the inspected tab's
 * newest page view is shown; with it, every page view of the tab stays, oldest first.
 */
import { SPAN_KIND_INTERNAL, STATUS_ERROR } from '../../../core/span/model';
import { rowEnd, type PanelRow } from './panel-row';

export interface PageViewGroup<R extends PanelRow = PanelRow> {
  readonly pageViewId: string;
  readonly tabId: number;
  /** In start order (ties keep input order). */
  readonly rows: readonly R[];
  readonly startTime: number;
  readonly endTime: number;
  readonly errorCount: number;
  /** The page-view span (INTERNAL), when it was recorded: network-mode requests' parent. */
  readonly pageViewSpan: R | undefined;
}

export interface PageViewOptions {
  /** The tab DevTools inspects; undefined shows every tab's page views. */
  readonly inspectedTabId?: number;
  readonly preserveLog: boolean;
}

function group<R extends PanelRow>(rows: R[]): PageViewGroup<R> {
  rows.sort((a, b) => a.startTime - b.startTime);
  const first = rows[0] as R;
  let endTime = -Infinity;
  let errorCount = 0;
  let pageViewSpan: R | undefined;
  for (const row of rows) {
    endTime = Math.max(endTime, rowEnd(row));
    if (row.status === STATUS_ERROR) errorCount++;
    if (pageViewSpan === undefined && row.kind === SPAN_KIND_INTERNAL) pageViewSpan = row;
  }
  return {
    pageViewId: first.pageViewId,
    tabId: first.tabId,
    rows,
    startTime: first.startTime,
    endTime,
    errorCount,
    pageViewSpan,
  };
}

/**
 * Every page view among the rows (of the inspected tab, when given), oldest first. A page view is
 * as old as its earliest row; a page-view span starts when its page view did.
 */
export function groupByPageView<R extends PanelRow>(
  rows: readonly R[],
  inspectedTabId?: number,
): PageViewGroup<R>[] {
  // By tab, then page view (page view ids are per tab): a string key made for each row cost a
  // third of grouping 100,000 rows, and grouping is most of what a live update costs.
  const byTab = new Map<number, Map<string, R[]>>();
  const lists: R[][] = [];
  for (const row of rows) {
    if (inspectedTabId !== undefined && row.tabId !== inspectedTabId) continue;
    let byView = byTab.get(row.tabId);
    if (byView === undefined) byTab.set(row.tabId, (byView = new Map<string, R[]>()));
    const list = byView.get(row.pageViewId);
    if (list === undefined) {
      const created = [row];
      byView.set(row.pageViewId, created);
      lists.push(created);
    } else list.push(row);
  }
  const groups: PageViewGroup<R>[] = [];
  for (const list of lists) groups.push(group(list));
  return groups.sort((a, b) => a.startTime - b.startTime);
}

/** The page views the list shows: all of them with preserve log, else only the newest. */
export function shownPageViews<R extends PanelRow>(
  rows: readonly R[],
  options: PageViewOptions,
): PageViewGroup<R>[] {
  const groups = groupByPageView(rows, options.inspectedTabId);
  if (options.preserveLog) return groups;
  const newest = groups[groups.length - 1];
  return newest === undefined ? [] : [newest];
}

/** The rows of the shown page views, oldest page view first, each in start order. */
export function shownRows<R extends PanelRow>(rows: readonly R[], options: PageViewOptions): R[] {
  return shownPageViews(rows, options).flatMap((g) => g.rows);
}
