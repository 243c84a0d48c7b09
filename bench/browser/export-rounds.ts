/**
 * Export throughput in real Chromium (issue #11): the four export settings in turns, each round
 * clearing and seeding the store, exporting every span to the receiver process, and checking
 * that exactly the seeded spans arrived. CPU time of every process is read around each export.
 */
import { rm } from 'node:fs/promises';
import { exportSettings, testConfig } from '../../test/support/extension-config';
import { seedSpans } from '../../test/support/seed-spans';
import type { EncoderBenchResult } from './encoder-timing';
import type { ExportVariant, PageReport } from './export-protocol';
import { startPageLink, type Exchange } from './page-link';
import { cpuByRole, snapshot } from './process-cpu';
import { startReceiverProcess, type ReceiverProcess } from './receiver-process';
import { buildWithPages, launchUndriven } from './undriven-chromium';

export const VARIANTS: readonly ExportVariant[] = [
  { protocol: 'json', compression: 'none' },
  { protocol: 'json', compression: 'gzip' },
  { protocol: 'protobuf', compression: 'none' },
  { protocol: 'protobuf', compression: 'gzip' },
];

export const RECEIVER_ROLE = 'OTLP receiver (Node)';
const PAGE = 'bench/browser/export-bench.html';
/** The whole measurement, well above its usual few minutes: a hung page must not hang the run. */
const DEADLINE_MS = 20 * 60_000;

export interface ExportOptions {
  readonly rounds: number;
  readonly spans: number;
  readonly encoderRounds: number;
}

export interface ExportRun {
  readonly variant: ExportVariant;
  readonly round: number;
  /** From export/run to the status that says it ended, timed in the page. */
  readonly ms: number;
  readonly requests: number;
  readonly bodyBytes: number;
  /** CPU seconds by process role during the export. */
  readonly cpu: ReadonlyMap<string, number>;
}

export interface ExportResult {
  readonly spans: number;
  /** Requests seeded (with page views and preflights) to store exactly `spans` spans. */
  readonly seededRequests: number;
  readonly userAgent: string;
  readonly runs: readonly ExportRun[];
  readonly browserEncoders: EncoderBenchResult;
}

/** How many of seed-spans.ts's requests make `spans` spans (each makes one or two). */
export function requestsFor(spans: number): { requests: number; spans: number } {
  let made = 0;
  let requests = 0;
  while (made < spans) made += seedSpans(1, 1, requests++).length;
  return { requests, spans: made };
}

function expect<K extends PageReport['kind']>(
  exchange: Exchange,
  kind: K,
): Extract<PageReport, { kind: K }> {
  const report = exchange.report;
  if (report.kind === 'error') throw new Error(`the bench page failed: ${report.message}`);
  if (report.kind !== kind) throw new Error(`expected "${kind}" from the page, got ${report.kind}`);
  return report as Extract<PageReport, { kind: K }>;
}

function check(what: string, problems: readonly (string | false)[]): void {
  const found = problems.filter((p): p is string => p !== false);
  if (found.length > 0) throw new Error(`${what}: ${found.join('; ')}`);
}

async function rounds(
  first: Promise<Exchange>,
  receiver: ReceiverProcess,
  chromiumPid: number,
  options: ExportOptions,
): Promise<ExportResult> {
  const { requests, spans } = requestsFor(options.spans);
  let exchange = await first;
  const { userAgent } = expect(exchange, 'hello');
  const runs: ExportRun[] = [];
  for (let round = 0; round < options.rounds; round++) {
    // Round-robin with the first setting rotating, so none always follows a fresh seed first.
    for (let k = 0; k < VARIANTS.length; k++) {
      const variant = VARIANTS[(round + k) % VARIANTS.length];
      if (variant === undefined) continue;
      const name = `${variant.protocol}/${variant.compression}, round ${String(round + 1)}`;
      const config = testConfig({
        export: exportSettings(receiver.tracesUrl, {
          ...variant,
          headers: {},
          serviceName: 'export-bench',
          resourceAttributes: {},
        }),
      });
      exchange = await exchange.reply({ kind: 'prepare', requests, config });
      const prepared = expect(exchange, 'prepared');
      check(`${name}: seeding`, [
        prepared.stored !== spans && `${String(prepared.stored)} stored, not ${String(spans)}`,
        prepared.unexported !== spans && `${String(prepared.unexported)} unexported`,
      ]);
      const before = snapshot(chromiumPid, { [RECEIVER_ROLE]: receiver.pid });
      exchange = await exchange.reply({ kind: 'export' });
      const after = snapshot(chromiumPid, { [RECEIVER_ROLE]: receiver.pid });
      const exported = expect(exchange, 'exported');
      const tally = await receiver.take();
      const kind = `application/${variant.protocol === 'json' ? 'json' : 'x-protobuf'}; ${variant.compression === 'gzip' ? 'gzip' : ''}`;
      check(`${name}: the export`, [
        !exported.ok && `the exporter says: ${exported.message}`,
        exported.sent !== spans && `the exporter sent ${String(exported.sent)}`,
        exported.unexported !== 0 && `${String(exported.unexported)} left unexported`,
        tally.spans !== spans && `the receiver got ${String(tally.spans)} spans`,
        tally.distinct !== tally.spans &&
          `${String(tally.spans - tally.distinct)} of them duplicates`,
        tally.problems.length > 0 && `refused requests: ${tally.problems.join(', ')}`,
        (tally.kinds.length !== 1 || tally.kinds[0] !== kind) &&
          `requests were ${tally.kinds.join(', ')}, not ${kind}`,
      ]);
      runs.push({
        variant,
        round,
        ms: exported.ms,
        requests: tally.requests,
        bodyBytes: tally.bodyBytes,
        cpu: cpuByRole(before, after),
      });
      process.stderr.write(`  ${name}: ${(exported.ms / 1000).toFixed(2)} s\n`);
    }
  }
  exchange = await exchange.reply({ kind: 'encoders', rounds: options.encoderRounds });
  const { result } = expect(exchange, 'encoders');
  // The page stops asking once told it is done; nothing more comes from it.
  void exchange.reply({ kind: 'done' });
  return { spans, seededRequests: requests, userAgent, runs, browserEncoders: result };
}

export async function measureExport(options: ExportOptions): Promise<ExportResult> {
  const dist = await buildWithPages({ exportBench: PAGE });
  const receiver = await startReceiverProcess();
  const link = await startPageLink();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`the export benchmark took over ${String(DEADLINE_MS / 60_000)} min`));
    }, DEADLINE_MS);
  });
  try {
    const chromium = await launchUndriven(dist);
    try {
      const first = link.first();
      await chromium.open(`${PAGE}?report=${encodeURIComponent(link.url)}`);
      return await Promise.race([
        rounds(first, receiver, chromium.pid, options),
        chromium.exited,
        deadline,
      ]);
    } finally {
      await chromium.close();
    }
  } finally {
    clearTimeout(timer);
    await link.close();
    await receiver.close();
    await rm(dist, { recursive: true, force: true });
  }
}
