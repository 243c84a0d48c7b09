/**
 * What the extension costs a page, side by side with the OpenTelemetry JS web SDK in the page:
 * wall time and CPU by Chromium process per request, and the synchronous time of `fetch()`, over
 * fetch and XHR, sequential and concurrent, same-origin and cross-origin (bench/browser/page-cost-*).
 */
import type { BenchContext, BenchOutput } from './browser/bench-module';
import { pageCostGoals, pageCostSection } from './browser/page-cost-report';
import { measurePageCost } from './browser/page-cost-rounds';

export const title = 'In-page cost per request: the extension against the OpenTelemetry web SDK';

const FULL = { rounds: 5, requests: 2000, warmup: 100 };
const SMOKE = { rounds: 1, requests: 10, warmup: 2 };

export async function run(context: BenchContext): Promise<BenchOutput> {
  const sizes = context.smoke ? SMOKE : FULL;
  const result = await measurePageCost({ ...sizes, log: context.log });
  const { otelBundle: _bundle, ...results } = result;
  return {
    markdown: pageCostSection(result, context.command),
    goals: pageCostGoals(result),
    results,
  };
}
