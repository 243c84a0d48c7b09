/**
 * CORS preflights shown as children of the request they were made for. The recorder stores a
 * preflight as its own span (`OPTIONS /path`, resource type `preflight`, no trace context, so a
 * trace of its own); page SDKs name theirs `CORS Preflight` (OpenTelemetry JS fetch
 * instrumentation). A preflight is paired with a request of the same tab and URL that is not a
 * preflight, such that:
 *
 * - the preflight ended no later than the request did: the request was sent only after it; and
 * - the request started within PREFLIGHT_WINDOW_MS of the preflight's end, before or after it.
 *   Chromium dates a request from its creation, before its preflight runs (a captured pair in
 *   test/fixtures/har/cors-preflight.json has the GET 2 ms before the OPTIONS), while a
 *   preflight recorded separately (a page SDK) ends before its request starts.
 *
 * Of several such requests the nearest wins (the least distance between the request's start and
 * the preflight's end), each request taking at most one preflight, preflights in start order.
 */
import { rowEnd, rowKey, type PanelRow } from './panel-row';

/** How far apart a preflight's end and its request's start may be. */
export const PREFLIGHT_WINDOW_MS = 5_000;
/** The span name OpenTelemetry JS gives a preflight it records. */
export const OTEL_PREFLIGHT_NAME = 'CORS Preflight';
const PREFLIGHT_RESOURCE_TYPE = 'preflight';

/**
 * A preflight row. A row without a resource type (the store's compact rows may lack it) counts
 * when its method is OPTIONS; with one, only `preflight` does, so an app's own OPTIONS call to a
 * URL is not taken for a preflight.
 */
export function isPreflight(row: PanelRow): boolean {
  if (row.name === OTEL_PREFLIGHT_NAME) return true;
  if (row.method !== 'OPTIONS') return false;
  return row.resourceType === '' || row.resourceType === PREFLIGHT_RESOURCE_TYPE;
}

/** Rows by tab, then by URL: nested maps, so 100,000 rows need no joined key strings. */
type ByPlace<R> = Map<number, Map<string, R[]>>;

/** The list of request rows at the tab and URL of `row`, made (empty) when new. */
function placeOf<R extends PanelRow>(places: ByPlace<R>, row: PanelRow): R[] {
  let byUrl = places.get(row.tabId);
  if (byUrl === undefined) {
    byUrl = new Map();
    places.set(row.tabId, byUrl);
  }
  let list = byUrl.get(row.url);
  if (list === undefined) {
    list = [];
    byUrl.set(row.url, list);
  }
  return list;
}

/** Preflight row key → the request row it preceded. */
export function pairPreflights<R extends PanelRow>(rows: readonly R[]): Map<string, R> {
  const preflights: R[] = [];
  for (const row of rows) if (row.url !== '' && isPreflight(row)) preflights.push(row);
  if (preflights.length === 0) return new Map();
  // Only requests to a place some preflight went to can be its request.
  const requests: ByPlace<R> = new Map();
  for (const preflight of preflights) placeOf(requests, preflight);
  for (const row of rows) {
    const list = requests.get(row.tabId)?.get(row.url);
    if (list !== undefined && !isPreflight(row)) list.push(row);
  }
  for (const byUrl of requests.values()) {
    for (const list of byUrl.values()) list.sort((a, b) => a.startTime - b.startTime);
  }
  preflights.sort((a, b) => a.startTime - b.startTime);

  const pairs = new Map<string, R>();
  const taken = new Set<R>();
  for (const preflight of preflights) {
    const candidates = requests.get(preflight.tabId)?.get(preflight.url);
    if (candidates === undefined) continue;
    const end = rowEnd(preflight);
    let best: R | undefined;
    let bestDistance = Infinity;
    for (let i = firstFrom(candidates, end - PREFLIGHT_WINDOW_MS); i < candidates.length; i++) {
      const request = candidates[i] as R;
      if (request.startTime > end + PREFLIGHT_WINDOW_MS) break;
      if (taken.has(request) || rowEnd(request) < end) continue;
      const distance = Math.abs(request.startTime - end);
      if (distance < bestDistance) {
        best = request;
        bestDistance = distance;
      }
    }
    if (best !== undefined) {
      taken.add(best);
      pairs.set(rowKey(preflight), best);
    }
  }
  return pairs;
}

/** Index of the first row starting at or after `time` (rows in start order). */
function firstFrom(rows: readonly PanelRow[], time: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((rows[mid] as PanelRow).startTime < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface NestedRow<R extends PanelRow = PanelRow> {
  readonly row: R;
  /** 1 for a preflight under its request, else 0. */
  readonly depth: 0 | 1;
  /** The key of the request a preflight is shown under. */
  readonly parentKey?: string;
}

/**
 * The rows in their order, with each paired preflight moved to just after its request. A preflight
 * whose request is not among the rows (filtered out) stays where it was, at depth 0.
 */
export function nestPreflights<R extends PanelRow>(
  rows: readonly R[],
  pairs: ReadonlyMap<string, R> = pairPreflights(rows),
): NestedRow<R>[] {
  const present = new Set<R>(rows);
  const under = new Map<R, R[]>();
  const moved = new Set<R>();
  if (pairs.size === 0) return rows.map((row) => ({ row, depth: 0 }));
  for (const row of rows) {
    if (!isPreflight(row)) continue;
    const request = pairs.get(rowKey(row));
    if (request === undefined || !present.has(request)) continue;
    const list = under.get(request);
    if (list === undefined) under.set(request, [row]);
    else list.push(row);
    moved.add(row);
  }
  const out: NestedRow<R>[] = [];
  for (const row of rows) {
    if (moved.has(row)) continue;
    out.push({ row, depth: 0 });
    const children = under.get(row);
    if (children === undefined) continue;
    const parentKey = rowKey(row);
    for (const child of children) out.push({ row: child, depth: 1, parentKey });
  }
  return out;
}
