/**
 * What bench/export.bench.ts and its self-timing page (export-bench.ts) say to each other over
 * loopback. The page asks for its next step with the outcome of the last one, so Node decides
 * the order of the rounds and reads the processes' CPU time between the page's steps.
 */
import type { EncoderBenchResult } from './encoder-timing';

export type Protocol = 'json' | 'protobuf';
export type Compression = 'none' | 'gzip';

export interface ExportVariant {
  readonly protocol: Protocol;
  readonly compression: Compression;
}

/** Node's answer: what the page does next. */
export type Step =
  /** Clear the store, seed `requests` requests (not timed), then write `config` and wait until applied. */
  | {
      readonly kind: 'prepare';
      readonly requests: number;
      readonly config: Readonly<Record<string, unknown>>;
    }
  /** Start the export and time it until the background says it ended. */
  | { readonly kind: 'export' }
  /** Time the encoders in this page (see encoder-timing.ts). */
  | { readonly kind: 'encoders'; readonly rounds: number }
  | { readonly kind: 'done' };

/** The page's report of the step it just did. */
export type PageReport =
  | { readonly kind: 'hello'; readonly userAgent: string }
  | { readonly kind: 'prepared'; readonly stored: number; readonly unexported: number }
  | {
      readonly kind: 'exported';
      /** performance.now() from sending export/run to the status that says the run ended. */
      readonly ms: number;
      readonly ok: boolean;
      readonly sent: number;
      readonly message: string;
      readonly unexported: number;
    }
  | { readonly kind: 'encoders'; readonly result: EncoderBenchResult }
  | { readonly kind: 'error'; readonly message: string };
