import { describe, expect, test } from 'vitest';
import {
  INITIAL_EXPORT_PANEL,
  POLL_IDLE_MS,
  POLL_RUNNING_MS,
  pollDelay,
  runAnswered,
  runFailed,
  runStarted,
  statusArrived,
  statusFailed,
  testAnswered,
  testFailed,
  testStarted,
  type ExportPanel,
} from '../../../src/core/export/export-status';
import { clockTime, exportView, spanCount } from '../../../src/core/export/export-view';
import type { ExportOutcome, ExportStatus } from '../../../src/core/export/status';

/** 12:03:04 local time, whatever the machine's zone. */
const NOON = new Date(2025, 0, 2, 12, 3, 4).getTime();

const IDLE: ExportStatus = {
  running: false,
  sent: 0,
  total: 0,
  unexported: 0,
  evictedUnexported: 0,
  retryAt: null,
  last: null,
};

const OK: ExportOutcome = {
  ok: true,
  at: NOON,
  message: 'Exported 42 spans to localhost:4318.',
  sent: 42,
  rejected: 0,
};

const with_ = (status: Partial<ExportStatus>): ExportPanel =>
  statusArrived(INITIAL_EXPORT_PANEL, { ...IDLE, ...status });

describe('clockTime and spanCount', () => {
  test('local HH:MM:SS, zero-padded', () => {
    expect(clockTime(NOON)).toBe('12:03:04');
    expect(clockTime(new Date(2025, 0, 2, 7, 0, 9).getTime())).toBe('07:00:09');
  });

  test('singular, plural and thousands', () => {
    expect(spanCount(1)).toBe('1 span');
    expect(spanCount(0)).toBe('0 spans');
    expect(spanCount(12_345)).toBe('12,345 spans');
  });
});

describe('exportView', () => {
  test('before the first answer: reading, nothing to press', () => {
    const view = exportView(INITIAL_EXPORT_PANEL, false);
    expect(view.buttonLabel).toBe('Export');
    expect(view.canExport).toBe(false);
    expect(view.pending).toBe('Reading the export status…');
    expect(view.last.text).toBe('');
    expect(view.progress).toBeNull();
    expect(view.problems).toEqual([]);
  });

  test('nothing to export: the button says Export and is off', () => {
    const view = exportView(with_({}), false);
    expect(view.buttonLabel).toBe('Export');
    expect(view.canExport).toBe(false);
    expect(view.pending).toBe('Nothing to export.');
    expect(view.last).toEqual({ tone: 'neutral', text: 'No export yet.', at: null, time: null });
    expect(view.evicted).toBeNull();
  });

  test.each([
    [42, 'Export 42 spans', '42 spans not exported yet.'],
    [1, 'Export 1 span', '1 span not exported yet.'],
    [1500, 'Export 1,500 spans', '1,500 spans not exported yet.'],
  ])('%d unexported', (unexported, label, pending) => {
    const view = exportView(with_({ unexported }), false);
    expect(view.buttonLabel).toBe(label);
    expect(view.buttonLabel.startsWith('Export')).toBe(true);
    expect(view.canExport).toBe(true);
    expect(view.pending).toBe(pending);
  });

  test.each([
    [3, '3 spans were removed by retention before they were exported.'],
    [1, '1 span was removed by retention before it was exported.'],
  ])('%d evicted before export is said, even with nothing left to export', (evicted, text) => {
    expect(exportView(with_({ evictedUnexported: evicted }), false).evicted).toBe(text);
  });

  test('running: progress sent/total, and no second run', () => {
    const view = exportView(with_({ running: true, sent: 10, total: 42, unexported: 32 }), false);
    expect(view.progress).toEqual({ value: 10, max: 42, text: 'Exporting 10/42…' });
    expect(view.canExport).toBe(false);
    expect(view.buttonLabel).toBe('Export 32 spans');
    expect(view.retry).toBeNull();
  });

  test('running with a total not known yet: an indeterminate bar', () => {
    const view = exportView(with_({ running: true, unexported: 5 }), false);
    expect(view.progress).toEqual({ value: null, max: 1, text: 'Exporting…' });
  });

  test('running and waiting for a retry: when it is due', () => {
    const view = exportView(
      with_({ running: true, sent: 0, total: 5, unexported: 5, retryAt: NOON }),
      false,
    );
    expect(view.retry).toBe('Retrying at 12:03:04.');
  });

  test('a retry due after the run paused is in the last outcome, not repeated', () => {
    const view = exportView(with_({ running: false, unexported: 5, retryAt: NOON }), false);
    expect(view.retry).toBeNull();
    expect(view.canExport).toBe(true);
  });

  test('the last outcome, with its time, as success or error', () => {
    expect(exportView(with_({ last: OK }), false).last).toEqual({
      tone: 'success',
      text: 'Exported 42 spans to localhost:4318.',
      at: NOON,
      time: '12:03:04',
    });
    const failed = { ...OK, ok: false, message: 'Could not connect to localhost:4318.' };
    expect(exportView(with_({ last: failed }), false).last).toMatchObject({
      tone: 'error',
      text: 'Could not connect to localhost:4318.',
      time: '12:03:04',
    });
  });

  test('while export/run is unanswered: starting, and the button is off', () => {
    const view = exportView(runStarted(with_({ unexported: 4 })), false);
    expect(view.canExport).toBe(false);
    expect(view.progress).toEqual({ value: null, max: 1, text: 'Starting the export…' });
  });

  test('a poll with no answer is said in words; the last status known stays', () => {
    const panel = statusFailed(with_({ unexported: 4 }), 'no answer to export/status');
    const view = exportView(panel, false);
    expect(view.problems).toEqual([
      'The export status could not be read: no answer to export/status',
    ]);
    expect(view.pending).toBe('4 spans not exported yet.');
    expect(exportView(statusArrived(panel, IDLE), false).problems).toEqual([]);
  });

  test('export/run with no answer is said in words, and Export can be tried again', () => {
    const panel = runFailed(runStarted(with_({ unexported: 4 })), 'background gone');
    const view = exportView(panel, false);
    expect(view.problems).toEqual(['The export did not start: background gone']);
    expect(view.canExport).toBe(true);
    expect(exportView(runStarted(panel), false).problems).toEqual([]);
  });

  test('Test connection: busy, then the answer or the failure', () => {
    const idle = with_({});
    expect(exportView(idle, false).testing).toBe(false);
    expect(exportView(idle, false).test.text).toBe('');
    const testing = testStarted(idle);
    expect(exportView(testing, false).testing).toBe(true);
    expect(exportView(testing, false).test.text).toBe('Testing the connection…');
    const answer = { ...OK, message: 'localhost:4318 accepted an empty export (200).' };
    expect(exportView(testAnswered(testing, answer), false)).toMatchObject({
      testing: false,
      test: { tone: 'success', text: answer.message, time: '12:03:04' },
    });
    expect(exportView(testFailed(testing, 'no answer'), false)).toMatchObject({
      testing: false,
      test: { tone: 'error', text: 'The test was not run: no answer', time: null },
    });
  });

  test('unsaved export settings: Export still uses the saved ones, and says so', () => {
    expect(exportView(with_({}), true).unsavedHint).toMatch(/saved settings/);
    expect(exportView(with_({}), false).unsavedHint).toBeNull();
  });
});

describe('polling', () => {
  test('the first poll at once, then fast while a run goes, slow otherwise', () => {
    expect(pollDelay(INITIAL_EXPORT_PANEL)).toBe(0);
    expect(pollDelay(with_({}))).toBe(POLL_IDLE_MS);
    expect(pollDelay(with_({ running: true }))).toBe(POLL_RUNNING_MS);
    expect(pollDelay(runStarted(with_({})))).toBe(POLL_RUNNING_MS);
    expect(pollDelay(statusFailed(INITIAL_EXPORT_PANEL, 'x'))).toBe(POLL_IDLE_MS);
  });

  test('each answer or failure counts, so the timer restarts from it', () => {
    const once = statusArrived(INITIAL_EXPORT_PANEL, IDLE);
    expect(once.polls).toBe(1);
    expect(statusFailed(once, 'x').polls).toBe(2);
    expect(runAnswered(once, { ...IDLE, running: true })).toMatchObject({
      polls: 1,
      starting: false,
      status: { running: true },
    });
  });
});
