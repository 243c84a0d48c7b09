/** What the background's exporter reports: the export/status and export/test answers. */

/** How the last export went, in words for the popup and the panel. */
export interface ExportOutcome {
  readonly ok: boolean;
  /** Epoch ms. */
  readonly at: number;
  /** One sentence: what was sent where, or what went wrong and what to check. */
  readonly message: string;
  readonly sent: number;
  /** Spans the backend said it rejected (partial success): not retried. */
  readonly rejected: number;
}

/** The exporter's state. */
export interface ExportStatus {
  readonly running: boolean;
  /** Of the current run: spans accepted so far, and how many it set out to send. */
  readonly sent: number;
  readonly total: number;
  /** Spans stored that no backend has accepted. */
  readonly unexported: number;
  /** Spans retention evicted before they were exported. */
  readonly evictedUnexported: number;
  /** When a retry is due (epoch ms), while a run waits for one. */
  readonly retryAt: number | null;
  readonly last: ExportOutcome | null;
}
