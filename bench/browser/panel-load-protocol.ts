/** What the panel-under-load page (panel-load-bench.tsx) reports at each step over its page link. */

export type PanelLoadReport =
  /** Every stored row is loaded and painted; the load starts on the reply. */
  | { readonly phase: 'ready'; readonly rowsBefore: number }
  /** The load's requests have all been handed to the recorder (idle side: its time passed). */
  | {
      readonly phase: 'loaded';
      /** Input event → next painted frame, for each key typed into the filter meanwhile. */
      readonly keystrokes: readonly number[];
      /** What the filter box held after each of those keys. */
      readonly typed: readonly string[];
      /** Gaps between animation frames while the load ran. */
      readonly longestFrameMs: number;
      readonly frames: number;
      readonly framesOver50Ms: number;
      /** Σ (duration − 50 ms) over long animation frames, null where they are not reported. */
      readonly blockingMs: number | null;
      /** Requests recorded. */
      readonly requests: number;
    }
  /**
   * The panel shows every row the load added: `lagMs` after the last request was handed to the
   * recorder, or null if
   * it did not within the page's patience (then `rowsAfter` says how far it got).
   */
  | { readonly phase: 'caught-up'; readonly lagMs: number | null; readonly rowsAfter: number };

export type PanelLoadStep = Record<string, never>;

/** The page's query: `n` requests spread evenly over `ms`, reporting to `report`. */
export function pageQuery(report: string, requests: number, ms: number): string {
  return `report=${encodeURIComponent(report)}&n=${String(requests)}&ms=${String(ms)}`;
}
