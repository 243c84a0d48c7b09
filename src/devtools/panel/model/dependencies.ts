/**
 * The page's dependencies: from the origin of the inspected page to each origin it sent requests
 * to, how many, how many failed, how slow (p95). CLIENT spans only: the page-view span is not a
 * request.
 */
import { SPAN_KIND_CLIENT, STATUS_ERROR } from '../../../core/span/model';
import type { PanelRow } from './panel-row';
import { nearestRank, sortedValues } from './percentiles';

export interface Dependency {
  /** The page's origin; '' when the row does not say (a compact row without pageOrigin). */
  readonly from: string;
  /** The request's origin. */
  readonly to: string;
  readonly count: number;
  readonly errors: number;
  /** 0–100. */
  readonly errorPercent: number;
  /** Nearest-rank p95 of the duration, ms. */
  readonly p95: number;
  /** True when `to` is `from`: the page's own origin. */
  readonly sameOrigin: boolean;
}

interface Tally {
  readonly from: string;
  readonly to: string;
  errors: number;
  readonly durations: number[];
}

export type PageOriginOf = (row: PanelRow) => string;

const defaultPageOrigin: PageOriginOf = (row) => row.pageOrigin;

/**
 * One entry per (page origin, request origin), grouped by page origin (in order of first
 * appearance) and, within it, most requests first. `pageOriginOf` lets the data layer supply the
 * page origin for rows that lack it (e.g. from the page view's URL).
 */
export function dependencies(
  rows: readonly PanelRow[],
  pageOriginOf: PageOriginOf = defaultPageOrigin,
): Dependency[] {
  // Page origin → request origin → tally: nested maps, so no key string is built per row.
  const byFrom = new Map<string, Map<string, Tally>>();
  const order = new Map<string, number>();
  for (const row of rows) {
    if (row.kind !== SPAN_KIND_CLIENT || row.origin === '') continue;
    const from = pageOriginOf(row);
    let byTo = byFrom.get(from);
    if (byTo === undefined) {
      byTo = new Map();
      byFrom.set(from, byTo);
      order.set(from, order.size);
    }
    let pair = byTo.get(row.origin);
    if (pair === undefined) {
      pair = { from, to: row.origin, errors: 0, durations: [] };
      byTo.set(row.origin, pair);
    }
    if (row.status === STATUS_ERROR) pair.errors++;
    pair.durations.push(row.duration);
  }
  const out: Dependency[] = [];
  for (const pair of [...byFrom.values()].flatMap((byTo) => [...byTo.values()])) {
    const count = pair.durations.length;
    out.push({
      from: pair.from,
      to: pair.to,
      count,
      errors: pair.errors,
      errorPercent: (pair.errors / count) * 100,
      p95: nearestRank(sortedValues(pair.durations), 95) ?? 0,
      sameOrigin: pair.from === pair.to,
    });
  }
  return out.sort(
    (a, b) =>
      (order.get(a.from) ?? 0) - (order.get(b.from) ?? 0) ||
      b.count - a.count ||
      (a.to < b.to ? -1 : a.to > b.to ? 1 : 0),
  );
}
