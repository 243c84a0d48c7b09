/**
 * The span store's goals (issue #9) in real Chromium, 100,000 stored spans: the chunk layout
 * (database version 2) beside release 0.1.0's layout (version 1, frozen in test/fixtures), both
 * run by bench/browser/store-harness.ts in one extension page, in turns.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium } from '../test/support/chromium';
import { ROOT } from '../test/support/paths';
import type { Sample } from './browser/bench-spans';
import { bundleHarness } from '../test/support/bundle';
import type { StoreBenchOptions, StoreBenchResult } from './browser/store-harness';
import type { BenchContext, BenchOutput } from './browser/bench-module';
import type { Goal } from './browser/goals';

export const title = 'Span store: chunk layout (v2) against the 0.1.0 layout (v1)';

const FULL: StoreBenchOptions = {
  spans: 100_000,
  rounds: 9,
  recordingSpans: 30_000,
  recordingRounds: 3,
};
const SMOKE: StoreBenchOptions = {
  spans: 5_000,
  rounds: 1,
  recordingSpans: 500,
  recordingRounds: 1,
};

async function measure(options: StoreBenchOptions): Promise<StoreBenchResult> {
  const fixture = JSON.parse(
    await readFile(join(ROOT, 'test/fixtures/har/fetch-200.json'), 'utf8'),
  ) as { entries: unknown[] };
  const code = await bundleHarness('bench/browser/store-harness.ts');
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/devtools/panel.html`);
    await page.evaluate(code);
    return await page.evaluate(
      ([entry, options]) =>
        (
          globalThis as unknown as {
            storeBench: (e: unknown, o: StoreBenchOptions) => Promise<StoreBenchResult>;
          }
        ).storeBench(entry, options),
      [fixture.entries[0], options] as const,
    );
  } finally {
    await browser.close();
  }
}

const n = (value: number, digits = 0) =>
  value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (s: Sample) => `${n(s.median, 1)} ms (${n(s.min, 1)}–${n(s.max, 1)})`;
const rate = (s: Sample) => `${n(s.median)} spans/s (${n(s.min)}–${n(s.max)})`;
const yes = (met: boolean) => (met ? 'yes' : '**no**');

/** A table row with a goal as a Goal: its figure, v1 as the anchor, the ratio, the goal, met. */
function rowGoal(cells: readonly string[]): Goal[] {
  const [measure = '', v2 = '', v1 = '', ratio = '', goal = '', met = ''] = cells;
  if (met === '') return [];
  const plain = (text: string) => text.replaceAll('**', '');
  return [
    { figure: `${measure}: ${plain(v2)}`, anchor: `v1: ${v1}`, ratio, goal, met: met === 'yes' },
  ];
}

export async function run(context: BenchContext): Promise<BenchOutput> {
  const OPTIONS = context.smoke ? SMOKE : FULL;
  const r = await measure(OPTIONS);
  const faster = (v1: Sample, v2: Sample) => v1.median / v2.median;
  const recordRatio = r.recording.v2.median / r.recording.v1.median;
  const allRatio = faster(r.allRows.v1, r.allRows.v2);
  const exportMs = r.exportBatch.v2.median;
  const rows = [
    [
      `HAR → span → store, sustained (${n(OPTIONS.recordingSpans)} spans, batches of 500)`,
      `**${rate(r.recording.v2)}**`,
      rate(r.recording.v1),
      `${n(recordRatio, 1)}×`,
      '≥ 20,000 spans/s',
      yes(r.recording.v2.median >= 20_000),
    ],
    [
      'newest 200 compact rows (v1: newest 200 spans, cursor on `startTime`)',
      `**${ms(r.newestRows.v2)}**`,
      ms(r.newestRows.v1),
      `${n(faster(r.newestRows.v1, r.newestRows.v2), 1)}×`,
      '≤ 50 ms',
      yes(r.newestRows.v2.median <= 50),
    ],
    [
      `all ${n(r.allRows.rows)} compact rows (v1: \`getAll\` of every span)`,
      `**${ms(r.allRows.v2)}**`,
      ms(r.allRows.v1),
      `${n(allRatio, 1)}×`,
      '≤ 500 ms and ≥ 4× faster than v1',
      yes(r.allRows.v2.median <= 500 && allRatio >= 4),
    ],
    [
      `every span of one trace: ${String(r.clusteredTrace.spans)} recorded together`,
      `**${ms(r.clusteredTrace.v2)}**`,
      ms(r.clusteredTrace.v1),
      `${n(faster(r.clusteredTrace.v1, r.clusteredTrace.v2), 1)}×`,
      '≤ 20 ms',
      yes(r.clusteredTrace.v2.median <= 20 && r.clusteredTrace.spans === 50),
    ],
    [
      `every span of one trace: ${String(r.spreadTrace.spans)} spread over ${String(r.spreadTrace.chunks)} chunks`,
      `**${ms(r.spreadTrace.v2)}**`,
      ms(r.spreadTrace.v1),
      `${n(faster(r.spreadTrace.v1, r.spreadTrace.v2), 1)}×`,
      '(reported: the worst case)',
      '',
    ],
    [
      `next 1,000 unexported spans, then mark them exported (${n(r.exportBatch.spans)} marked)`,
      `**${ms(r.exportBatch.v2)}**`,
      ms(r.exportBatch.v1),
      `${n(faster(r.exportBatch.v1, r.exportBatch.v2), 1)}×`,
      '≤ 100 ms together',
      yes(exportMs <= 100 && r.exportBatch.spans === 1000),
    ],
    [
      `migration of ${n(r.migration.before)} version-1 spans`,
      `**${n(r.migration.ms)} ms**; ${n(r.migration.after)} after, ${String(r.migration.lost)} lost, ${String(r.migration.changed)} changed`,
      '—',
      '—',
      'reported; no span lost',
      yes(r.migration.lost === 0 && r.migration.changed === 0),
    ],
  ];
  const markdown = [
    `**The chunk layout records ${n(recordRatio, 1)}× faster than the 0.1.0 layout and reads every` +
      ` compact row ${n(allRatio, 1)}× faster than 0.1.0 reads every span** (medians, same page, same run).`,
    '',
    `| measure, ${n(OPTIONS.spans)} stored spans | chunk layout (v2) | 0.1.0 layout (v1) | v2 vs v1 | goal | met |`,
    '| --- | ---: | ---: | ---: | --- | --- |',
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
    '',
    `Both stores hold the same ${n(r.stored)} spans, mapped by \`harEntryToSpan\` from a HAR entry`,
    'captured from Chromium (`test/fixtures/har/fetch-200.json`), 10 ms apart, in page views of 500',
    `requests; v2 wrote them in batches of 500 as the recorder does, into ${n(r.chunks)} chunks`,
    `(${n(r.stored / r.chunks, 1)} spans per chunk). Each measure runs v1 and v2 in turns, ${String(OPTIONS.rounds)}`,
    'rounds each (3 for recording, with a fresh database per round; 5 for all rows), the first',
    'side alternating; cells show the median and, in brackets, the fastest and slowest round.',
    "Recording runs the recorder's modules (`harEntryToSpan`, `Batcher`, the store) in an",
    "extension page of Debian Chromium; v1 is release 0.1.0's schema and `putBatch`, frozen in",
    '`test/fixtures/span-store-v1/`. "All rows" reads v2\'s compact rows block by block',
    "(`rowBlocks`), against v1's `getAll` of every full span, which is what 0.1.0 offered a",
    'reader. The migration opens the v1 database after the other measures (so with their export',
    'marks) and compares every span after it with its JSON before.',
  ].join('\n');
  return { markdown, goals: rows.flatMap(rowGoal), results: r };
}
