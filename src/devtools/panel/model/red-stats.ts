/**
 * RED statistics (rate, errors, duration) per span name, over the rows given: how often each
 * operation ran, how often it failed and how long it took. Span names are low-cardinality by
 * construction (`GET /users/{id}`), so the table stays short.
 */
import { STATUS_ERROR } from '../../../core/span/model';
import type { PanelRow } from './panel-row';
import { percentiles, sortedValues } from './percentiles';

export interface RedStat {
  readonly name: string;
  readonly count: number;
  /**
   * Spans per second over the covered range (the earliest start to the latest end of all rows
   * given, so rates of different names compare); null when that range is empty.
   */
  readonly rate: number | null;
  readonly errors: number;
  /** 0–100. */
  readonly errorPercent: number;
  /** Nearest-rank percentiles of the duration, ms (percentiles.ts). */
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

export interface CoveredRange {
  readonly start: number;
  readonly end: number;
}

export function coveredRange(rows: readonly PanelRow[]): CoveredRange | null {
  let start = Infinity;
  let end = -Infinity;
  for (const row of rows) {
    if (!Number.isFinite(row.startTime) || !Number.isFinite(row.duration)) continue;
    start = Math.min(start, row.startTime);
    end = Math.max(end, row.startTime + row.duration);
  }
  return start === Infinity ? null : { start, end };
}

interface Tally {
  count: number;
  errors: number;
  durations: number[];
}

/** One entry per name, most frequent first, then by name. */
export function redByName(rows: readonly PanelRow[]): RedStat[] {
  const byName = new Map<string, Tally>();
  for (const row of rows) {
    let tally = byName.get(row.name);
    if (tally === undefined) {
      tally = { count: 0, errors: 0, durations: [] };
      byName.set(row.name, tally);
    }
    tally.count++;
    if (row.status === STATUS_ERROR) tally.errors++;
    tally.durations.push(row.duration);
  }
  const range = coveredRange(rows);
  const seconds = range === null ? 0 : (range.end - range.start) / 1000;
  const out: RedStat[] = [];
  for (const [name, tally] of byName) {
    const p = percentiles(sortedValues(tally.durations));
    if (p === undefined) continue;
    out.push({
      name,
      count: tally.count,
      rate: seconds > 0 ? tally.count / seconds : null,
      errors: tally.errors,
      errorPercent: (tally.errors / tally.count) * 100,
      ...p,
    });
  }
  return out.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
