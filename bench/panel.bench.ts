/**
 * The Traces panel over 100,000 stored spans (issue #10): a profile is seeded once (with
 * automation), then Chromium is started on it again with no automation attached, straight onto
 * the bench build's self-timing panel page (bench/browser/panel-bench.tsx), opened through the
 * DevTools HTTP endpoint (no client attaches), which reports to a loopback server. Each round is a
 * fresh browser on the same profile.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { startServer } from '../test/support/http-server';
import { ROOT } from '../test/support/paths';
import { sample, type Sample } from './browser/bench-spans';
import { seedProfile } from './browser/panel-seed';
import { launchUndriven } from './browser/undriven-chromium';

import type { BenchContext, BenchOutput } from './browser/bench-module';
import type { Goal } from './browser/goals';

export const title = 'Panel: opening and filtering 100,000 stored spans';

const FULL_SPANS = 100_000;
const FULL_ROUNDS = 5;
const DIST = join(ROOT, 'dist-bench');
const ROUND_TIMEOUT_MS = 120_000;

interface Report {
  readonly firstRowsMs: number;
  readonly allRowsMs: number;
  readonly rows: number;
  readonly keystrokes: number[];
  readonly shown: string;
  readonly heapBytes: number | null;
  readonly gc: boolean;
  readonly fullSpansMs: number;
  readonly fullRows: number;
}

/** One cold open of the panel page in a browser nobody drives. */
async function round(profile: string): Promise<Report> {
  let resolve: (report: Report) => void = () => undefined;
  const reported = new Promise<Report>((r) => {
    resolve = r;
  });
  const server = await startServer({
    '/report': (req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        res.writeHead(204, { 'access-control-allow-origin': '*' }).end();
        resolve(JSON.parse(body) as Report);
      });
    },
  });
  const chromium = await launchUndriven(DIST, {
    profile,
    args: ['--window-size=1280,800', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  const timeout = setTimeout(() => void chromium.close(), ROUND_TIMEOUT_MS);
  try {
    const report = `${server.origin}/report`;
    await chromium.open(`bench/browser/panel-bench.html?report=${encodeURIComponent(report)}`);
    return await Promise.race([reported, chromium.exited]);
  } finally {
    clearTimeout(timeout);
    await chromium.close();
    await server.close();
  }
}

const n = (value: number, digits = 0) =>
  value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (s: Sample) => `${n(s.median, 0)} ms (${n(s.min, 0)}–${n(s.max, 0)})`;
const yes = (met: boolean) => (met ? 'yes' : '**no**');

function goal(figure: string, target: string, met: boolean, anchor?: Sample, ratio?: number): Goal {
  return {
    figure,
    anchor: anchor === undefined ? '—' : `every full span read and projected: ${ms(anchor)}`,
    ratio: ratio === undefined ? '—' : `${n(ratio, 1)}× sooner`,
    goal: target,
    met,
  };
}

export async function run(context: BenchContext): Promise<BenchOutput> {
  const ROUNDS = context.smoke ? 1 : FULL_ROUNDS;
  const SPANS = context.smoke ? 2_000 : FULL_SPANS;
  await build({ mode: 'bench', logLevel: 'silent' });
  const profile = await mkdtemp(join(tmpdir(), 'trace-capture-panel-bench-'));
  try {
    await seedProfile(DIST, profile, SPANS);
    const reports: Report[] = [];
    for (let i = 0; i < ROUNDS; i++) reports.push(await round(profile));
    const first = sample(reports.map((r) => r.firstRowsMs));
    const all = sample(reports.map((r) => r.allRowsMs));
    const worstKey = sample(reports.map((r) => Math.max(...r.keystrokes)));
    const medianKey = sample(reports.flatMap((r) => r.keystrokes));
    const heap = sample(reports.map((r) => (r.heapBytes ?? 0) / 1024 / 1024));
    const full = sample(reports.map((r) => r.fullSpansMs));
    const rows = reports[0]?.rows ?? 0;
    const ratio = full.median / all.median;
    const table = [
      '| measure | result, median (min–max) of ' + String(ROUNDS) + ' cold opens | goal | met |',
      '| --- | --: | --- | --- |',
      `| first rows shown, from opening the panel | **${ms(first)}** | < 500 ms | ${yes(first.median < 500)} |`,
      `| all ${n(rows)} rows filterable | **${ms(all)}** | < 1 s | ${yes(all.median < 1000)} |`,
      `| filter latency per keystroke, typing \`status:5xx\` | **${ms(medianKey)}**; slowest key per open ${ms(worstKey)} | < 100 ms | ${yes(worstKey.median < 100)} |`,
      `| JS heap after load (after a full GC) | **${n(heap.median, 1)} MB** (${n(heap.min, 1)}–${n(heap.max, 1)}) | < 200 MB | ${yes(heap.median < 200 && reports.every((r) => r.gc))} |`,
      `| anchor: every full span read and projected to rows | ${ms(full)} | — | — |`,
    ];
    const keyFigure = `${ms(medianKey)}; slowest key per open ${ms(worstKey)}`;
    const goals: Goal[] = [
      goal(`first rows shown: ${ms(first)}`, '< 500 ms', first.median < 500),
      goal(`all ${n(rows)} rows filterable: ${ms(all)}`, '< 1 s', all.median < 1000, full, ratio),
      goal(`filter latency per keystroke: ${keyFigure}`, '< 100 ms', worstKey.median < 100),
      goal(
        `JS heap after load: ${n(heap.median, 1)} MB`,
        '< 200 MB',
        heap.median < 200 && reports.every((r) => r.gc),
      ),
    ];
    const markdown = [
      `**All ${n(rows)} rows are filterable ${n(ratio, 1)}× sooner than reading the full spans would take** (median of ${String(ROUNDS)} cold opens).`,
      '',
      ...table,
      '',
      `The store holds ${n(rows)} requests (${n(SPANS)} seeded by test/support/seed-spans.ts, with page-view spans and preflights),`,
      'in a profile seeded once with automation. Each round then starts Debian Chromium headless on that profile with no',
      'automation attached, opens `bench/browser/panel-bench.html` (the panel plus a timer, built with',
      '`vite build --mode bench`) through the DevTools HTTP endpoint, with no client attached to it, and the page reports over loopback. Times are from navigation start. The keystroke',
      'latency is from the input event to the next painted frame; after the last key the list shows',
      `"${reports[0]?.shown ?? ''}". The anchor reads every full span of the store and projects it, as a panel`,
      'without the compact rows would have to before it could filter.',
    ].join('\n');
    return { markdown, goals, results: reports };
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
