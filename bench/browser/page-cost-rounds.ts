/**
 * Runs the in-page cost benchmark's rounds: each round gives every side a fresh Chromium and
 * profile, in an order that rotates from round to round, and the page runs every workload while
 * Node reads each Chromium process's CPU time between workloads. The server checks that each
 * side sent exactly the requests it claims and propagated where it should.
 */
import { rm } from 'node:fs/promises';
import { bundleHarness } from '../../test/support/bundle';
import { startPageLink, type Exchange } from './page-link';
import type { PageReport, Step, Workload } from './page-cost-protocol';
import { opaqueParam, type PageParams } from './page-cost-protocol';
import {
  startPageCostServer,
  CROSS_HOST,
  PAGE_HOST,
  type PageCostServer,
} from './page-cost-server';
import { SIDES, workloadLabel, workloads, type Side, type SideId } from './page-cost-sides';
import { cpuByRole, snapshot } from './process-cpu';
import { buildWithPages, launchUndriven, type UndrivenChromium } from './undriven-chromium';

export interface Measurement {
  readonly side: SideId;
  readonly round: number;
  readonly workload: number;
  /** µs per timed request, wall time. */
  readonly wallUs: number;
  /** µs per fetch() call, synchronous part (0 for XHR). */
  readonly callUs: number;
  /** CPU µs per request (warm-up included) by Chromium process role. */
  readonly cpuUs: Readonly<Record<string, number>>;
}

export interface PageCostResult {
  readonly rounds: number;
  readonly workloads: readonly Workload[];
  readonly measurements: readonly Measurement[];
  readonly userAgent: string;
  /** The OpenTelemetry bundle the page loads, minified. */
  readonly otelBundle: string;
}

export interface PageCostOptions {
  readonly rounds: number;
  readonly requests: number;
  readonly warmup: number;
  readonly log?: (line: string) => void;
}

const SETUP_PAGE = 'bench/browser/page-cost-setup.html';
/** Longer than any workload takes; a page that stops reporting fails the run instead of hanging it. */
const REPORT_TIMEOUT_MS = 300_000;

/** `next` unless Chromium exits or the page stays silent for REPORT_TIMEOUT_MS. */
async function reported<T>(next: Promise<T>, chromium: UndrivenChromium, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const silent = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`the page did not report ${what} within ${String(REPORT_TIMEOUT_MS)} ms`));
    }, REPORT_TIMEOUT_MS);
  });
  try {
    return await Promise.race([next, chromium.exited, silent]);
  } finally {
    clearTimeout(timer);
  }
}
const HOSTS = [PAGE_HOST, CROSS_HOST, 'other.test', 'other-api.test'];

async function launch(side: Side, dist: string, pageUrl: string): Promise<UndrivenChromium> {
  const chromium = await launchUndriven(side.config === null ? null : dist, {
    loopbackHosts: HOSTS,
  });
  try {
    if (side.config === null) await chromium.openUrl(pageUrl);
    else {
      await chromium.open(`${SETUP_PAGE}?s=${opaqueParam({ config: side.config, next: pageUrl })}`);
    }
    return chromium;
  } catch (error) {
    await chromium.close();
    throw error;
  }
}

function check(
  side: Side,
  workload: Workload,
  server: PageCostServer,
  before: { answered: number; traced: number },
  failed: number,
): void {
  const total = workload.requests + workload.warmup;
  const answered = server.answered() - before.answered;
  const traced = server.traced() - before.traced;
  const want = side.traced[workload.destination] ? total : 0;
  if (failed > 0 || answered !== total || traced !== want) {
    throw new Error(
      `${side.id}, ${workload.api} ${workload.destination}: ${String(answered)} of ${String(total)} ` +
        `answered, ${String(failed)} failed, ${String(traced)} with traceparent (want ${String(want)})`,
    );
  }
}

async function runSide(
  side: Side,
  round: number,
  list: readonly Workload[],
  dist: string,
  server: PageCostServer,
): Promise<{ measurements: Measurement[]; userAgent: string }> {
  const link = await startPageLink<PageReport, Step>();
  const params: PageParams = { link: link.url, cross: server.crossOrigin, otel: side.otel };
  const pageUrl = `${server.pageOrigin}/page?s=${opaqueParam(params)}`;
  const chromium = await launch(side, dist, pageUrl);
  try {
    let exchange: Exchange<PageReport, Step> = await reported(link.first(), chromium, 'ready');
    const ready = exchange.report;
    if (ready.kind !== 'ready' || ready.otel !== side.otel) {
      throw new Error(`${side.id}: the page reported ${JSON.stringify(ready)}`);
    }
    const measurements: Measurement[] = [];
    for (const [index, workload] of list.entries()) {
      const counts = { answered: server.answered(), traced: server.traced() };
      const cpuBefore = snapshot(chromium.pid, {});
      exchange = await reported(
        exchange.reply({ kind: 'run', workload }),
        chromium,
        `${side.id} ${workloadLabel(workload)}`,
      );
      const cpu = cpuByRole(cpuBefore, snapshot(chromium.pid, {}));
      const report = exchange.report;
      if (report.kind !== 'result') throw new Error(`${side.id}: expected a result`);
      check(side, workload, server, counts, report.result.failed);
      const perRequest = 1e6 / (workload.requests + workload.warmup);
      measurements.push({
        side: side.id,
        round,
        workload: index,
        wallUs: (report.result.ms * 1000) / workload.requests,
        callUs: (report.result.callMs * 1000) / workload.requests,
        cpuUs: Object.fromEntries([...cpu].map(([role, s]) => [role, s * perRequest])),
      });
    }
    void exchange.reply({ kind: 'done' });
    return { measurements, userAgent: ready.userAgent };
  } finally {
    await chromium.close();
    await link.close();
  }
}

export async function measurePageCost(options: PageCostOptions): Promise<PageCostResult> {
  const log = options.log ?? (() => undefined);
  const list = workloads(options.requests, options.warmup);
  // One build at a time: Vite builds share the process.
  const dist = await buildWithPages({ pageCostSetup: SETUP_PAGE });
  const page = await bundleHarness('bench/browser/page-cost-page.ts', 'pageCost');
  const otel = await bundleHarness('bench/browser/page-cost-otel.ts', 'otelBench');
  const server = await startPageCostServer({ '/page.js': page, '/otel.js': otel });
  const measurements: Measurement[] = [];
  let userAgent = '';
  try {
    for (let round = 0; round < options.rounds; round++) {
      for (let k = 0; k < SIDES.length; k++) {
        const side = SIDES[(round + k) % SIDES.length];
        if (side === undefined) continue;
        const started = Date.now();
        const result = await runSide(side, round, list, dist, server);
        measurements.push(...result.measurements);
        userAgent = result.userAgent;
        log(`  ${side.id}, round ${String(round + 1)}: ${String(Date.now() - started)} ms`);
      }
    }
  } finally {
    await server.close();
    await rm(dist, { recursive: true, force: true });
  }
  return { rounds: options.rounds, workloads: list, measurements, userAgent, otelBundle: otel };
}
