/**
 * The in-page cost benchmark's BENCHMARKS.md section and goals. Each side ran in its own browser,
 * once per round, so a side's extra cost is taken round by round against the no-extension browser
 * of the same round (paired), then its median over the rounds with min and max.
 */
import { sample, type Sample } from './bench-spans';
import { ratioText, type Goal } from './goals';
import type { Measurement, PageCostResult } from './page-cost-rounds';
import { SIDES, workloadLabel, type SideId } from './page-cost-sides';

type Metric = (m: Measurement) => number;

const wall: Metric = (m) => m.wallUs;
const call: Metric = (m) => m.callUs;
const totalCpu: Metric = (m) => Object.values(m.cpuUs).reduce((a, b) => a + b, 0);
const roleCpu =
  (role: string): Metric =>
  (m) =>
    m.cpuUs[role] ?? 0;

const ROLES: readonly [string, string][] = [
  ['other renderers', 'page renderer CPU'],
  ['browser', 'browser process CPU'],
  ['network service', 'network service CPU'],
  ['extension renderer', 'extension (service worker) CPU'],
];

const HOOK_CALL_GOAL_US = 20;

class Figures {
  constructor(private readonly result: PageCostResult) {}

  values(side: SideId, workload: number, metric: Metric): number[] {
    return this.result.measurements
      .filter((m) => m.side === side && m.workload === workload)
      .sort((a, b) => a.round - b.round)
      .map(metric);
  }

  level(side: SideId, workload: number, metric: Metric): Sample {
    return sample(this.values(side, workload, metric));
  }

  /** `side` − no extension, round by round. */
  extra(side: SideId, workload: number, metric: Metric): Sample {
    const base = new Map(
      this.result.measurements
        .filter((m) => m.side === 'none' && m.workload === workload)
        .map((m) => [m.round, metric(m)]),
    );
    return sample(
      this.result.measurements
        .filter((m) => m.side === side && m.workload === workload)
        .map((m) => metric(m) - (base.get(m.round) ?? Number.NaN)),
    );
  }

  /** The no-extension side's own spread: what "nothing measurable" is measured against. */
  noise(workload: number, metric: Metric): number {
    const base = this.level('none', workload, metric);
    return base.max - base.min;
  }
}

const us = (n: number) => `${n < 0 ? '−' : ''}${Math.abs(n).toFixed(0)}`;
const signed = (n: number) => `${n < 0 ? '−' : '+'}${Math.abs(n).toFixed(0)}`;
const range = (s: Sample, f = us) => `${f(s.median)} (${f(s.min)}…${f(s.max)})`;

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [head, head.map((_, i) => (i === 0 ? '---' : '--:')), ...rows]
    .map((r) => `| ${r.join(' | ')} |`)
    .join('\n');
}

/** fetch, same-origin, sequential: the workload of the first table. */
function headline(f: Figures): string {
  const w = 0;
  const rows: string[][] = [
    ['µs per request', ...SIDES.map((s) => cellWithExtra(f, s.id, w, wall))],
    ...ROLES.map(([role, label]) => [
      `${label} per request`,
      ...SIDES.map((s) => cellWithExtra(f, s.id, w, roleCpu(role))),
    ]),
    ['all Chromium CPU per request', ...SIDES.map((s) => cellWithExtra(f, s.id, w, totalCpu))],
    ['`fetch()` call, µs', ...SIDES.map((s) => cellWithExtra(f, s.id, w, call, 1))],
  ];
  return table(['fetch, same-origin, sequential', ...SIDES.map((s) => s.label)], rows);
}

function cellWithExtra(f: Figures, side: SideId, w: number, metric: Metric, digits = 0): string {
  const level = f.level(side, w, metric).median.toFixed(digits);
  if (side === 'none') return level;
  const extra = f.extra(side, w, metric).median;
  return `${level} (${extra < 0 ? '−' : '+'}${Math.abs(extra).toFixed(digits)})`;
}

function extraTable(f: Figures, result: PageCostResult, metric: Metric, what: string): string {
  const others = SIDES.filter((s) => s.id !== 'none');
  const rows = result.workloads.map((w, i) => [
    workloadLabel(w),
    us(f.level('none', i, metric).median),
    ...others.map((s) => range(f.extra(s.id, i, metric), signed)),
  ]);
  return table([what, 'no extension', ...others.map((s) => s.label)], rows);
}

/** Worst and median over the workloads of `side`'s extra ÷ the SDK's extra. */
function ratioGoal(
  f: Figures,
  result: PageCostResult,
  side: SideId,
  metric: Metric,
  what: string,
): Goal {
  const ratios = result.workloads.map((_, i) => {
    const ours = f.extra(side, i, metric).median;
    const theirs = f.extra('otel', i, metric).median;
    return theirs > 0 ? Math.max(ours, 0) / theirs : Number.POSITIVE_INFINITY;
  });
  const worst = Math.max(...ratios);
  const met = ratios.filter((r) => r <= 0.5).length;
  const label = SIDES.find((s) => s.id === side)?.label ?? side;
  const headlineOurs = f.extra(side, 0, metric).median;
  const headlineTheirs = f.extra('otel', 0, metric).median;
  return {
    figure: `${label}, extra ${what} per request (fetch, same-origin, sequential: ${signed(headlineOurs)} µs)`,
    anchor: `OpenTelemetry web SDK's extra (${signed(headlineTheirs)} µs)`,
    ratio: `${ratioText(sample(ratios).median)} median, ${ratioText(worst)} worst of ${String(ratios.length)} workloads`,
    goal: `at most 0.5× (moonshot 0.1×) in every workload; met in ${String(met)} of ${String(ratios.length)}`,
    met: met === ratios.length,
  };
}

function noiseGoal(f: Figures, result: PageCostResult, side: SideId): Goal {
  const checks = result.workloads.map((_, i) => ({
    extra: f.extra(side, i, wall).median,
    noise: f.noise(i, wall),
  }));
  const within = checks.filter((c) => Math.abs(c.extra) <= c.noise).length;
  const largest = checks.reduce((a, b) => (Math.abs(b.extra) > Math.abs(a.extra) ? b : a));
  const label = SIDES.find((s) => s.id === side)?.label ?? side;
  return {
    figure: `${label}: extra wall time per request, largest ${signed(largest.extra)} µs`,
    anchor: `no extension's own spread over the rounds there (${us(largest.noise)} µs)`,
    ratio: '—',
    goal: `within the noise in every workload; ${String(within)} of ${String(checks.length)} are`,
    met: within === checks.length,
  };
}

function callGoal(f: Figures, result: PageCostResult, side: SideId): Goal {
  const fetches = result.workloads.flatMap((w, i) => (w.api === 'fetch' ? [i] : []));
  const extras = fetches.map((i) => f.extra(side, i, call).median);
  const theirs = fetches.map((i) => f.extra('otel', i, call).median);
  const ours = sample(extras).median;
  const sdk = sample(theirs).median;
  const label = SIDES.find((s) => s.id === side)?.label ?? side;
  return {
    figure: `${label}: extra synchronous time of a \`fetch()\` call, ${ours.toFixed(1)} µs`,
    anchor: `OpenTelemetry web SDK's ${sdk.toFixed(1)} µs`,
    ratio: ratioText(sdk > 0 ? Math.max(ours, 0) / sdk : Number.NaN),
    goal: `under ${String(HOOK_CALL_GOAL_US)} µs (median of the fetch workloads)`,
    met: ours < HOOK_CALL_GOAL_US,
  };
}

export function pageCostGoals(result: PageCostResult): Goal[] {
  const f = new Figures(result);
  return [
    ratioGoal(f, result, 'page', wall, 'wall time'),
    ratioGoal(f, result, 'page', totalCpu, 'CPU (all Chromium processes)'),
    ratioGoal(f, result, 'network', wall, 'wall time'),
    ratioGoal(f, result, 'network', totalCpu, 'CPU (all Chromium processes)'),
    noiseGoal(f, result, 'idle'),
    noiseGoal(f, result, 'other'),
    callGoal(f, result, 'page'),
  ];
}

export function pageCostSection(result: PageCostResult, command: string): string {
  const f = new Figures(result);
  const requests = result.workloads[0]?.requests ?? 0;
  const warmup = result.workloads[0]?.warmup ?? 0;
  const chromium = /Chrome\/([\d.]+)/.exec(result.userAgent)?.[1] ?? 'unknown';
  return [
    `Reproduce: \`${command}\`. Debian Chromium ${chromium}, headless, ${String(requests)} timed requests per workload after ${String(warmup)} untimed, ${String(result.rounds)} rounds; each round gives every side a fresh browser and profile, in an order that rotates from round to round.`,
    '',
    'Per request, medians over the rounds; in parentheses the extra over no extension, taken round by round:',
    '',
    headline(f),
    '',
    'Extra wall time per request over no extension, µs, every workload (median, min…max of the paired rounds):',
    '',
    extraTable(f, result, wall, 'workload'),
    '',
    'Extra CPU per request over no extension, µs, all Chromium processes:',
    '',
    extraTable(f, result, totalCpu, 'workload'),
    '',
    'The page (served from http://app.test, the loopback server mapped by Chromium) times its own requests with `performance.now()` and posts each workload’s result to a loopback link, which answers with the next workload: no automation is attached while it runs. It reads every response. Cross-origin requests go to http://api.test on the same server, which answers CORS and lets browsers cache preflights for ten minutes, as an API would. CPU is utime + stime from `/proc/<pid>/stat` of each Chromium process between workloads, by `--type`, per request including the warm-up. Sides: **no extension** (a browser without it); **page mode** (the site enabled, the API a page-mode target); **network mode** (the API a network-mode target); **installed, no site enabled**; **installed, another site enabled** (another site and a network-mode target, neither this page); **OpenTelemetry web SDK** (sdk-trace-web with instrumentation-fetch, instrumentation-xml-http-request, the W3C trace-context and baggage propagators and a batch processor exporting nowhere, bundled into the page). Every injecting side sends traceparent and `baggage: user.id=12345`; the server counts the requests that arrive with a traceparent and the run fails unless each side propagated exactly where it should.',
  ].join('\n');
}
