/**
 * How often the panel shows rows other contexts just stored. Showing an update re-derives the
 * list: live rows are added to the shown page views in place (shown-rows.ts), but filtering,
 * sorting and the items still go over every row, tens of ms over 100,000. Shown for every batch
 * the recorder writes (four a second under load), updates took most of the main thread and
 * starved typing (bench/panel-load.bench.ts). So live rows are held and shown together, after a
 * wait that keeps updates to a fifth of the main thread; until then a keystroke re-derives only
 * the filter and sort over the rows already shown.
 */

/** A small store's rows show almost at once. */
export const LIVE_MIN_MS = 100;
/** Never wait longer than this to show what was recorded. */
export const LIVE_MAX_MS = 1_000;
/** Re-deriving the list for live rows takes at most 1 / LIVE_SHARE of the time. */
const LIVE_SHARE = 5;

/** The wait before showing live rows, given what showing the last update cost. */
export function liveDelay(updateMs: number): number {
  const wait = Number.isFinite(updateMs) ? LIVE_SHARE * updateMs : LIVE_MAX_MS;
  return Math.min(LIVE_MAX_MS, Math.max(LIVE_MIN_MS, wait));
}

export interface CoalescerTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: CoalescerTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

/** The first `touch()` starts a wait of `delay()` ms; touches during it join it; then `flush()`. */
export class Coalescer {
  #timer: unknown = null;

  constructor(
    private readonly flush: () => void,
    private readonly delay: () => number,
    private readonly timers: CoalescerTimers = realTimers,
  ) {}

  touch(): void {
    if (this.#timer !== null) return;
    this.#timer = this.timers.set(() => {
      this.#timer = null;
      this.flush();
    }, this.delay());
  }

  cancel(): void {
    if (this.#timer === null) return;
    this.timers.clear(this.#timer);
    this.#timer = null;
  }
}
