/**
 * What the popup knows about the background's exporter: its last answer, the messages in
 * flight, and why one got no answer. Every change is a pure function of the old state.
 */
import type { ExportOutcome, ExportStatus } from './status';

export type ConnectionTest =
  | { readonly kind: 'idle' }
  | { readonly kind: 'testing' }
  | { readonly kind: 'done'; readonly outcome: ExportOutcome }
  /** export/test got no answer: the background did not run the test. */
  | { readonly kind: 'failed'; readonly error: string };

export interface ExportPanel {
  /** The background's last answer to export/status or export/run; null before the first. */
  readonly status: ExportStatus | null;
  /** Why the last export/status got no answer, or null once one came. */
  readonly statusError: string | null;
  /** export/status answers and failures so far; the next poll is timed from each. */
  readonly polls: number;
  /** export/run was sent and not yet answered. */
  readonly starting: boolean;
  /** Why the last export/run got no answer, or null. */
  readonly runError: string | null;
  readonly test: ConnectionTest;
}

/** While a run goes: often enough for the progress bar to move smoothly. */
export const POLL_RUNNING_MS = 500;
/** Otherwise: often enough to see auto-export and new spans without keeping the worker busy. */
export const POLL_IDLE_MS = 2000;

export const INITIAL_EXPORT_PANEL: ExportPanel = {
  status: null,
  statusError: null,
  polls: 0,
  starting: false,
  runError: null,
  test: { kind: 'idle' },
};

/** How long to wait before the next export/status: at once for the first one. */
export function pollDelay(panel: ExportPanel): number {
  if (panel.polls === 0) return 0;
  return panel.starting || panel.status?.running === true ? POLL_RUNNING_MS : POLL_IDLE_MS;
}

export function statusArrived(panel: ExportPanel, status: ExportStatus): ExportPanel {
  return { ...panel, status, statusError: null, polls: panel.polls + 1 };
}

/** A poll got no answer; the last status known stays shown beside the error. */
export function statusFailed(panel: ExportPanel, error: string): ExportPanel {
  return { ...panel, statusError: error, polls: panel.polls + 1 };
}

export function runStarted(panel: ExportPanel): ExportPanel {
  return { ...panel, starting: true, runError: null };
}

export function runAnswered(panel: ExportPanel, status: ExportStatus): ExportPanel {
  return { ...panel, status, starting: false, runError: null };
}

export function runFailed(panel: ExportPanel, error: string): ExportPanel {
  return { ...panel, starting: false, runError: error };
}

export function testStarted(panel: ExportPanel): ExportPanel {
  return { ...panel, test: { kind: 'testing' } };
}

export function testAnswered(panel: ExportPanel, outcome: ExportOutcome): ExportPanel {
  return { ...panel, test: { kind: 'done', outcome } };
}

export function testFailed(panel: ExportPanel, error: string): ExportPanel {
  return { ...panel, test: { kind: 'failed', error } };
}
