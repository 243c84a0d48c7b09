/**
 * The page views on show and their requests (what the request list filters and sorts), and how
 * rows that only arrived since are added to them. Grouping 100,000 rows by page view and pairing
 * their preflights is most of what showing a live update cost (100–150 ms); rows that only add
 * to the newest page views, in start order, as a recording's do, are added in time of their own
 * number instead, and so is a page-view span widened in place. Anything else (another row
 * replaced, a row older than its page view's newest, a page view older than the newest) is
 * recomputed whole: both ways give the same result.
 */
import { SPAN_KIND_INTERNAL, STATUS_ERROR } from '../../../core/span/model';
import { groupByPageView, type PageViewGroup } from './page-view-groups';
import { rowEnd, rowKey, type PanelRow } from './panel-row';
import { isPreflight, pairPreflights } from './preflight';

export interface ShownRows {
  readonly groups: readonly PageViewGroup[];
  /** The requests of the shown page views (no page-view spans: they head their group). */
  readonly requests: readonly PanelRow[];
  /** Each paired CORS preflight's request, and each request's preflights. */
  readonly requestOf: ReadonlyMap<PanelRow, PanelRow>;
  readonly preflightsOf: ReadonlyMap<PanelRow, readonly PanelRow[]>;
  /** Every page view in scope, shown or not (without preserve log only the newest shows). */
  readonly allGroups: readonly PageViewGroup[];
  /** Tab and URL of every shown preflight: a request arriving there may pair with one. */
  readonly preflightPlaces: ReadonlySet<string>;
}

export interface ShownOptions {
  /** The tab whose page views are shown; undefined for every tab. */
  readonly tabId?: number;
  readonly preserveLog: boolean;
}

const placeKey = (row: PanelRow) => `${String(row.tabId)} ${row.url}`;

/** The page views on show and their requests; recomputed only when rows or scope change. */
export function shownRequests(rows: readonly PanelRow[], options: ShownOptions): ShownRows {
  return fromGroups(groupByPageView(rows, options.tabId), options, null);
}

/** A newer copy of a row the shown rows hold. */
export interface Replaced {
  readonly old: PanelRow;
  readonly row: PanelRow;
}

/**
 * Whether `row` can take the place of `old` without regrouping: a page-view span widened (its
 * end moved), in the same page view and with the same start. Page views head their group and
 * are no request, so no request or preflight moves.
 */
export function replacesInPlace({ old, row }: Replaced): boolean {
  return (
    old.kind === SPAN_KIND_INTERNAL &&
    row.kind === SPAN_KIND_INTERNAL &&
    old.startTime === row.startTime &&
    old.tabId === row.tabId &&
    old.pageViewId === row.pageViewId
  );
}

/**
 * `previous` with `replaced` (each `replacesInPlace`) and `added` (rows with new keys, in arrival
 * order) taken in; null when `added` do not only add to the newest page views in start order,
 * and the caller must recompute.
 */
export function extendShownRequests(
  previous: ShownRows,
  changes: { readonly added: readonly PanelRow[]; readonly replaced: readonly Replaced[] },
  options: ShownOptions,
): ShownRows | null {
  const inTab = (row: PanelRow) => options.tabId === undefined || row.tabId === options.tabId;
  const added = changes.added.filter(inTab);
  const replaced = changes.replaced.filter((r) => inTab(r.row));
  if (added.length === 0 && replaced.length === 0) return previous;
  const swapped = replaceInGroups(previous.allGroups, replaced);
  const allGroups = swapped === null ? null : appendToGroups(swapped, added);
  return allGroups === null ? null : fromGroups(allGroups, options, { previous, added });
}

function fromGroups(
  allGroups: readonly PageViewGroup[],
  options: ShownOptions,
  since: { readonly previous: ShownRows; readonly added: readonly PanelRow[] } | null,
): ShownRows {
  const newest = allGroups[allGroups.length - 1];
  const groups = options.preserveLog ? allGroups : newest === undefined ? [] : [newest];
  const requests: PanelRow[] = [];
  for (const group of groups) {
    for (const row of group.rows) if (row.kind !== SPAN_KIND_INTERNAL) requests.push(row);
  }
  // The pairs stand when the same page views show and nothing added is a preflight or goes
  // where one went: only requests at a preflight's place can be its request.
  const previous = since?.previous;
  const sameViews =
    previous !== undefined &&
    (options.preserveLog || groupId(previous.groups[0]) === groupId(groups[0]));
  if (
    sameViews &&
    !since?.added.some((row) => isPreflight(row) || previous.preflightPlaces.has(placeKey(row)))
  ) {
    const { requestOf, preflightsOf, preflightPlaces } = previous;
    return { groups, requests, requestOf, preflightsOf, allGroups, preflightPlaces };
  }
  return { groups, requests, allGroups, ...pairs(requests) };
}

function groupId(group: PageViewGroup | undefined): string {
  return group === undefined ? '' : `${String(group.tabId)}/${group.pageViewId}`;
}

function pairs(requests: readonly PanelRow[]) {
  const byKey = new Map<string, PanelRow>();
  const requestOf = new Map<PanelRow, PanelRow>();
  const preflightsOf = new Map<PanelRow, PanelRow[]>();
  const preflightPlaces = new Set<string>();
  for (const row of requests)
    if (row.url !== '' && isPreflight(row)) preflightPlaces.add(placeKey(row));
  const paired = pairPreflights(requests);
  if (paired.size > 0) for (const row of requests) byKey.set(rowKey(row), row);
  for (const [preflightKey, request] of paired) {
    const preflight = byKey.get(preflightKey);
    if (preflight === undefined) continue;
    requestOf.set(preflight, request);
    const list = preflightsOf.get(request);
    if (list === undefined) preflightsOf.set(request, [preflight]);
    else list.push(preflight);
  }
  return { requestOf, preflightsOf, preflightPlaces };
}

/**
 * The page views with `added` in them, as groupByPageView over all rows would make them, or null
 * when that would take more than appending: a row older than its page view's newest, or a new
 * page view older than the newest one.
 */
function appendToGroups(
  groups: readonly PageViewGroup[],
  added: readonly PanelRow[],
): PageViewGroup[] | null {
  const at = new Map<string, number>();
  groups.forEach((group, i) => at.set(groupId(group), i));
  const extra = new Map<number, PanelRow[]>();
  const fresh: PanelRow[] = [];
  for (const row of added) {
    const i = at.get(`${String(row.tabId)}/${row.pageViewId}`);
    if (i === undefined) {
      fresh.push(row);
      continue;
    }
    const rows = extra.get(i) ?? [];
    const last = rows[rows.length - 1] ?? (groups[i] as PageViewGroup).rows.at(-1);
    if (last !== undefined && row.startTime < last.startTime) return null;
    rows.push(row);
    extra.set(i, rows);
  }
  const next = groups.map((group, i) => {
    const rows = extra.get(i);
    return rows === undefined ? group : extendGroup(group, rows);
  });
  const newGroups = groupByPageView(fresh);
  const newestStart = groups[groups.length - 1]?.startTime ?? -Infinity;
  if (newGroups.some((group) => group.startTime < newestStart)) return null;
  return [...next, ...newGroups];
}

/** The page views with each replaced row swapped in; null if one is not where it should be. */
function replaceInGroups(
  groups: readonly PageViewGroup[],
  replaced: readonly Replaced[],
): readonly PageViewGroup[] | null {
  if (replaced.length === 0) return groups;
  const next = [...groups];
  for (const { old, row } of replaced) {
    const i = next.findIndex((g) => g.tabId === old.tabId && g.pageViewId === old.pageViewId);
    const group = next[i];
    const at = group?.rows.indexOf(old) ?? -1;
    if (group === undefined || at < 0) return null;
    const rows = [...group.rows];
    rows[at] = row;
    next[i] = withStats(group, rows);
  }
  return next;
}

/** `group` over `rows` (in start order), its end, errors and page-view span counted again. */
function withStats(group: PageViewGroup, rows: readonly PanelRow[]): PageViewGroup {
  return extendGroup(
    { ...group, rows: [], endTime: -Infinity, errorCount: 0, pageViewSpan: undefined },
    rows,
  );
}

/** `group` with `rows` appended: none starts before its newest row. */
function extendGroup(group: PageViewGroup, rows: readonly PanelRow[]): PageViewGroup {
  let { endTime, errorCount, pageViewSpan } = group;
  for (const row of rows) {
    endTime = Math.max(endTime, rowEnd(row));
    if (row.status === STATUS_ERROR) errorCount++;
    if (pageViewSpan === undefined && row.kind === SPAN_KIND_INTERNAL) pageViewSpan = row;
  }
  return { ...group, rows: [...group.rows, ...rows], endTime, errorCount, pageViewSpan };
}
