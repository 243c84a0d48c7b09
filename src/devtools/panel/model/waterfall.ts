/**
 * Waterfall bars: each span's place over the visible time range as [left%, width%] of the
 * waterfall column, and the time axis's ticks. A bar is at least MIN_BAR_WIDTH_PERCENT wide, so a
 * 0.1 ms request in a 30 s page view still shows, and never sticks out of the column.
 */

export interface TimeRange {
  /** Epoch milliseconds. */
  readonly start: number;
  readonly end: number;
}

export interface Bar {
  /** Percent of the column, 0–100. */
  readonly left: number;
  readonly width: number;
  /** False when the span lies wholly outside the range (the bar is then a sliver at the edge). */
  readonly inRange: boolean;
}

export interface Tick {
  /** Milliseconds since the range's start. */
  readonly offset: number;
  /** Percent of the column. */
  readonly left: number;
}

export const MIN_BAR_WIDTH_PERCENT = 0.3;
/** A range shorter than this is widened to it, so a single instant still divides. */
export const MIN_RANGE_MS = 0.001;
/** Ticks are 1, 2 or 5 × a power of ten milliseconds apart: round labels. */
const TICK_STEPS = [1, 2, 5];

/** The range covering every span (start to the latest end); [0, 0] for none. */
export function rangeOf(spans: readonly { startTime: number; endTime: number }[]): TimeRange {
  let start = Infinity;
  let end = -Infinity;
  for (const span of spans) {
    if (Number.isFinite(span.startTime)) start = Math.min(start, span.startTime);
    if (Number.isFinite(span.endTime)) end = Math.max(end, span.endTime);
  }
  if (start === Infinity) return { start: 0, end: 0 };
  return { start, end: Math.max(start, end) };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** The bar of a span from `start` to `end` (epoch ms) over `range`. */
export function barOf(
  start: number,
  end: number,
  range: TimeRange,
  minWidth = MIN_BAR_WIDTH_PERCENT,
): Bar {
  const span = Math.max(range.end - range.start, MIN_RANGE_MS);
  const finishedAt = Math.max(start, end);
  const inRange = finishedAt >= range.start && start <= range.end;
  const from = clamp(((start - range.start) / span) * 100, 0, 100);
  const to = clamp(((finishedAt - range.start) / span) * 100, 0, 100);
  const width = Math.min(100, Math.max(to - from, minWidth));
  const left = Math.min(from, 100 - width);
  return { left: Number.isFinite(left) ? left : 0, width, inRange };
}

/** Bars for rows (start and duration in ms). */
export function rowBars(
  rows: readonly { startTime: number; duration: number }[],
  range: TimeRange,
  minWidth = MIN_BAR_WIDTH_PERCENT,
): Bar[] {
  return rows.map((row) => barOf(row.startTime, row.startTime + row.duration, range, minWidth));
}

/** The step for about `count` ticks over `length` ms: 1, 2 or 5 × 10^n. */
export function tickStep(length: number, count: number): number {
  const raw = Math.max(length, MIN_RANGE_MS) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const step of TICK_STEPS) if (step * power >= raw) return step * power;
  return 10 * power;
}

/** Ticks at round offsets from the range's start, about `count` of them, the first at 0. */
export function ticks(range: TimeRange, count: number): Tick[] {
  const length = Math.max(range.end - range.start, MIN_RANGE_MS);
  const step = tickStep(length, count);
  const out: Tick[] = [];
  for (let i = 0; i * step <= length && i <= 2 * Math.max(1, count) + 1; i++) {
    out.push({ offset: i * step, left: ((i * step) / length) * 100 });
  }
  return out;
}

/** Zooming: the part of `range` between two fractions (0–1) of its width, e.g. from a drag. */
export function zoomRange(range: TimeRange, from: number, to: number): TimeRange {
  const length = range.end - range.start;
  const a = clamp(Math.min(from, to), 0, 1);
  const b = clamp(Math.max(from, to), 0, 1);
  return { start: range.start + a * length, end: range.start + b * length };
}
