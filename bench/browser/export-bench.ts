/**
 * The export benchmark's page, timing itself: built into the extension for bench/export.bench.ts
 * and opened with no automation attached (an attached driver slows Chromium and changes the
 * ratios). It asks the loopback server at `?report=` for each step, and does it as the popup
 * would: the store is cleared and seeded here (not timed), the settings are written to
 * storage.local, and the export is started and followed with the background's typed messages.
 */
import { browserInfo } from '../../src/platform/browser-info';
import { openSpanStore } from '../../src/platform/span-store';
import type { ExportStatus, MessageName } from '../../src/shared/messages';
import { poll } from '../../test/support/poll';
import { seed } from '../../test/support/seed-spans';
import { applySettings } from './apply-settings';
import { encoderBench } from './encoder-timing';
import type { PageReport, Step } from './export-protocol';

/** How often the page asks for export/status: the timing's resolution. */
const STATUS_POLL_MS = 25;
const EXPORT_TIMEOUT_MS = 300_000;

type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

async function ask<T>(name: MessageName, payload: unknown): Promise<T> {
  const reply = await chrome.runtime.sendMessage<unknown, Reply<T> | undefined>({
    protocol: 1,
    name,
    payload,
  });
  if (reply === undefined) throw new Error(`no answer to ${name}`);
  if (!reply.ok) throw new Error(`${name}: ${reply.error}`);
  return reply.value;
}

/** The background applied every field of our export section (it adds nothing there). */
function applied(value: unknown, config: Readonly<Record<string, unknown>>): boolean {
  const want = config['export'] as Record<string, unknown>;
  const have = (value as { export?: Record<string, unknown> } | undefined)?.export;
  if (have === undefined) return false;
  return Object.entries(want).every(([k, v]) => JSON.stringify(have[k]) === JSON.stringify(v));
}

async function prepare(step: Extract<Step, { kind: 'prepare' }>): Promise<PageReport> {
  const store = await openSpanStore();
  await store.clear();
  store.close();
  const stored = await seed(step.requests);
  await applySettings(step.config, (value) => applied(value, step.config));
  const { unexported } = await ask<ExportStatus>('export/status', null);
  return { kind: 'prepared', stored, unexported };
}

async function timeExport(): Promise<PageReport> {
  const since = Date.now();
  const started = performance.now();
  await ask<ExportStatus>('export/run', {});
  const ended = await poll(
    async () => {
      const status = await ask<ExportStatus>('export/status', null);
      return !status.running && status.last !== null && status.last.at >= since
        ? { ...status, last: status.last }
        : undefined;
    },
    { intervalMs: STATUS_POLL_MS, timeoutMs: EXPORT_TIMEOUT_MS, what: 'the export to end' },
  );
  const ms = performance.now() - started;
  return {
    kind: 'exported',
    ms,
    ok: ended.last.ok,
    sent: ended.last.sent,
    message: ended.last.message,
    unexported: ended.unexported,
  };
}

async function perform(step: Exclude<Step, { kind: 'done' }>): Promise<PageReport> {
  switch (step.kind) {
    case 'prepare':
      return prepare(step);
    case 'export':
      return timeExport();
    case 'encoders':
      return { kind: 'encoders', result: encoderBench(step.rounds, browserInfo()) };
  }
}

async function exchange(report: string, message: PageReport): Promise<Step> {
  // A text/plain POST is a simple request: no preflight, and the server allows any origin.
  const response = await fetch(report, { method: 'POST', body: JSON.stringify(message) });
  return (await response.json()) as Step;
}

async function main(report: string): Promise<void> {
  let message: PageReport = { kind: 'hello', userAgent: navigator.userAgent };
  for (;;) {
    const step = await exchange(report, message);
    if (step.kind === 'done') return;
    try {
      message = await perform(step);
    } catch (error) {
      message = { kind: 'error', message: error instanceof Error ? error.message : String(error) };
    }
  }
}

const report = new URLSearchParams(location.search).get('report');
if (report !== null) void main(report);
