/**
 * Percentiles by the nearest-rank method: the p-th percentile of n values is the value at rank
 * ⌈p/100 × n⌉ in ascending order (rank 1 for p = 0). Always one of the values, never interpolated,
 * so a p99 of request durations is a duration some request really took.
 */

/** p (0–100) of values sorted ascending; undefined for no values or a p outside 0–100. */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | undefined {
  const n = sorted.length;
  if (n === 0 || !(p >= 0 && p <= 100)) return undefined;
  // p/100 × n in floating point can land just above a whole number (0.07 × 100 is
  // 7.000000000000001) and its ceiling skip a rank; p in millionths times n is exact.
  const rank = Math.max(1, Math.ceil((Math.round(p * 1e6) * n) / 1e8));
  return sorted[Math.min(rank, n) - 1];
}

/** Values sorted ascending, as a typed array (numeric order, no comparator call per pair). */
export function sortedValues(values: Iterable<number>): Float64Array {
  const out = Float64Array.from(values);
  out.sort();
  return out;
}

export interface Percentiles {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

/** p50, p95 and p99 of values sorted ascending; undefined for none. */
export function percentiles(sorted: ArrayLike<number>): Percentiles | undefined {
  const p50 = nearestRank(sorted, 50);
  const p95 = nearestRank(sorted, 95);
  const p99 = nearestRank(sorted, 99);
  return p50 === undefined || p95 === undefined || p99 === undefined
    ? undefined
    : { p50, p95, p99 };
}
