/** What bench/run.ts expects of a `bench/*.bench.ts` module, and what it gives it. */
import type { Goal } from './goals';

export interface BenchContext {
  /** Tiny sizes and one round: `npm test` runs every benchmark so it cannot rot. */
  readonly smoke: boolean;
  /** The command that reproduces this benchmark, for its section. */
  readonly command: string;
  /** Progress lines. */
  readonly log: (line: string) => void;
}

export interface BenchOutput {
  /** The section's body. */
  readonly markdown: string;
  /** The goals, shown atop the section and in the summary. */
  readonly goals?: readonly Goal[];
  /** Raw figures for bench/results/<name>.json. */
  readonly results?: unknown;
}

export interface BenchModule {
  readonly title: string;
  run(context: BenchContext): Promise<string | BenchOutput>;
}
