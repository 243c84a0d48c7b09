/** What the Export section shows for the exporter's state: every text and what can be pressed. */
import type { ExportOutcome } from './status';
import type { ExportPanel } from './export-status';

export type Tone = 'success' | 'error' | 'neutral';

/** A line in a live region: an outcome with its time, or what is going on. */
export interface ResultLine {
  readonly tone: Tone;
  readonly text: string;
  /** Epoch ms of the outcome, and the same as the local HH:MM:SS, or null. */
  readonly at: number | null;
  readonly time: string | null;
}

export interface ExportProgress {
  /** Spans sent so far, or null while the total is unknown (an indeterminate bar). */
  readonly value: number | null;
  readonly max: number;
  readonly text: string;
}

export interface ExportView {
  /** The button's text, which is its accessible name; it always begins with "Export". */
  readonly buttonLabel: string;
  readonly canExport: boolean;
  /** How many spans wait for export, or that none do. */
  readonly pending: string;
  /** Spans retention removed before they were exported; never hidden when there are any. */
  readonly evicted: string | null;
  readonly progress: ExportProgress | null;
  readonly retry: string | null;
  readonly last: ResultLine;
  readonly testing: boolean;
  readonly test: ResultLine;
  /** Messages the background did not answer, in words. */
  readonly problems: readonly string[];
  /** Export and Test use the saved settings; said when the draft's differ. */
  readonly unsavedHint: string | null;
}

const NONE: ResultLine = { tone: 'neutral', text: '', at: null, time: null };

/** Local wall-clock time, HH:MM:SS, as the exporter's outcomes are read against the clock. */
export function clockTime(epochMs: number): string {
  const date = new Date(epochMs);
  return [date.getHours(), date.getMinutes(), date.getSeconds()]
    .map((part) => String(part).padStart(2, '0'))
    .join(':');
}

/** "1 span", "1,234 spans". */
export function spanCount(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'span' : 'spans'}`;
}

function outcomeLine(outcome: ExportOutcome): ResultLine {
  return {
    tone: outcome.ok ? 'success' : 'error',
    text: outcome.message,
    at: outcome.at,
    time: clockTime(outcome.at),
  };
}

function testLine(test: ExportPanel['test']): ResultLine {
  switch (test.kind) {
    case 'idle':
      return NONE;
    case 'testing':
      return { ...NONE, text: 'Testing the connection…' };
    case 'done':
      return outcomeLine(test.outcome);
    case 'failed':
      return { ...NONE, tone: 'error', text: `The test was not run: ${test.error}` };
  }
}

function progressOf(panel: ExportPanel): ExportProgress | null {
  const { status } = panel;
  if (status?.running === true) {
    if (status.total <= 0) return { value: null, max: 1, text: 'Exporting…' };
    const sent = Math.min(status.sent, status.total);
    return {
      value: sent,
      max: status.total,
      text: `Exporting ${sent.toLocaleString('en-US')}/${status.total.toLocaleString('en-US')}…`,
    };
  }
  return panel.starting ? { value: null, max: 1, text: 'Starting the export…' } : null;
}

/** The Export section for `panel`; `unsavedSettings` when the draft's export settings differ. */
export function exportView(panel: ExportPanel, unsavedSettings: boolean): ExportView {
  const { status } = panel;
  const running = status?.running === true;
  const unexported = status?.unexported ?? 0;
  const evicted = status?.evictedUnexported ?? 0;

  let pending: string;
  if (status === null) pending = 'Reading the export status…';
  else if (unexported === 0) pending = 'Nothing to export.';
  else pending = `${spanCount(unexported)} not exported yet.`;

  let last = NONE;
  if (status !== null && status.last !== null) last = outcomeLine(status.last);
  else if (status !== null) last = { ...NONE, text: 'No export yet.' };

  const problems: string[] = [];
  if (panel.statusError !== null) {
    problems.push(`The export status could not be read: ${panel.statusError}`);
  }
  if (panel.runError !== null) problems.push(`The export did not start: ${panel.runError}`);

  return {
    buttonLabel: unexported > 0 ? `Export ${spanCount(unexported)}` : 'Export',
    canExport: status !== null && unexported > 0 && !running && !panel.starting,
    pending,
    evicted:
      evicted === 0
        ? null
        : evicted === 1
          ? '1 span was removed by retention before it was exported.'
          : `${spanCount(evicted)} were removed by retention before they were exported.`,
    progress: progressOf(panel),
    retry: running && status.retryAt !== null ? `Retrying at ${clockTime(status.retryAt)}.` : null,
    last,
    testing: panel.test.kind === 'testing',
    test: testLine(panel.test),
    problems,
    unsavedHint: unsavedSettings
      ? 'Export and Test connection use the saved settings: save to use your changes.'
      : null,
  };
}
