/**
 * Generated cases per property: FC_NUM_RUNS from the environment, 10,000 by default (`npm test`);
 * `npm run fuzz` sets 100,000.
 */
export const FC_NUM_RUNS = ((): number => {
  const raw = process.env['FC_NUM_RUNS'];
  const runs = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(runs) && runs > 0 ? runs : 10_000;
})();

/** fast-check parameters for every property that reads FC_NUM_RUNS. */
export const fcParams = { numRuns: FC_NUM_RUNS } as const;

/**
 * Per-test timeout for files with property tests: thousands of generated cases can pass Vitest's
 * 5 s default on a loaded 2-core machine. It scales with FC_NUM_RUNS; it guards, it does not time.
 */
export const PROPERTY_TIMEOUT_MS = Math.max(60_000, FC_NUM_RUNS * 10);
