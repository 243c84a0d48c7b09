/**
 * Export (issue #11): throughput of the real extension exporting 100,000 stored spans to a local
 * OTLP/HTTP receiver, in JSON and protobuf with and without gzip, timed by an extension page with
 * no automation attached (bench/browser/export-rounds.ts); then our encoders against
 * @opentelemetry/otlp-transformer's serializers, in Node here and in that Chromium page.
 */
import { encoderBench } from './browser/encoder-timing';
import { checkEquivalence } from './browser/encoder-equivalence';
import type { BenchContext, BenchOutput } from './browser/bench-module';
import { encoderGoals, encoderSection, n, throughputSection } from './browser/export-report';
import { measureExport } from './browser/export-rounds';

export const title = 'Export: OTLP/HTTP throughput and the encoders';

const FULL = { spans: 100_000, rounds: 5, nodeEncoderRounds: 30, browserEncoderRounds: 20 };
const SMOKE = { spans: 2_000, rounds: 1, nodeEncoderRounds: 1, browserEncoderRounds: 1 };

export async function run(context: BenchContext): Promise<BenchOutput> {
  const sizes = context.smoke ? SMOKE : FULL;
  const SPANS = sizes.spans;
  const ROUNDS = sizes.rounds;
  /** Rounds of the four encoders; each sample encodes 10 batches twice. */
  const NODE_ENCODER_ROUNDS = sizes.nodeEncoderRounds;
  const BROWSER_ENCODER_ROUNDS = sizes.browserEncoderRounds;
  const exported = await measureExport({
    rounds: ROUNDS,
    spans: SPANS,
    encoderRounds: BROWSER_ENCODER_ROUNDS,
  });
  // The same resource the page's exporter would send, for the same browser.
  const browser = { userAgent: exported.userAgent };
  checkEquivalence(browser);
  const node = encoderBench(NODE_ENCODER_ROUNDS, browser);
  const chromium = /HeadlessChrome\/([\d.]+)/.exec(exported.userAgent)?.[1] ?? 'unknown';
  const markdown = [
    '### Export throughput',
    '',
    throughputSection(exported, ROUNDS),
    '',
    `The store holds exactly ${n(exported.spans)} spans from test/support/seed-spans.ts (${n(exported.seededRequests)}`,
    'requests, with their page-view spans and preflights). Debian Chromium',
    `${chromium} runs headless with the built extension and no automation attached: the DevTools`,
    'HTTP endpoint only opens `bench/browser/export-bench.html`, and no client attaches. Each round',
    'the page clears the store with `clear()`, seeds it (not timed), writes the settings to',
    '`storage.local` and waits until the background applied them, then times with `performance.now()`',
    'from sending `export/run` until `export/status` (polled every 25 ms) says the run ended; the',
    `exporter sends ${n(1000)} spans per request. The four settings take turns within a round, the first`,
    "rotating from round to round. The receiver is the e2e tests' OTLP/HTTP receiver",
    '(test/support/otlp-backend.ts) in its own Node process: it gunzips, decodes with the official',
    'protos (protobufjs) and answers once decoded, as a Collector does; after every export the run',
    `checks that it received exactly the ${n(exported.spans)} spans, none twice, every request accepted.`,
    'CPU time is utime + stime from `/proc/<pid>/stat` before and after each export, for every',
    "descendant of Chromium's browser process, by its `--type` (the extension renderer runs the",
    'service worker and the timing page) and for the receiver. Bytes are request bodies as sent.',
    '',
    '### The encoders against @opentelemetry/otlp-transformer',
    '',
    encoderSection(node, exported.browserEncoders),
    '',
    'Ours is what the exporter runs: `encodeOtlpJson(spans, meta)` then',
    '`new TextEncoder().encode(JSON.stringify(request))` for JSON, and `encodeOtlpProtobuf(request)`',
    'on that same request for protobuf. Theirs is `JsonTraceSerializer.serializeRequest` and',
    '`ProtobufTraceSerializer.serializeRequest` over ReadableSpans of the same spans and resource,',
    "built once before timing (as an SDK holds finished spans). Both sides' bodies for every batch",
    "were decoded and found equal first (proto3 defaults and the SDK's span `flags` aside).",
    `The spans are ${String(node.batches)} batches of ${n(node.spansPerBatch)} from seed-spans.ts' \`seedSpans\`; each`,
    `sample encodes all of them ${String(node.repeats)} times; the four encoders take turns within each round,`,
    `the first rotating, after 3 untimed passes. ${String(node.rounds)} rounds in Node (tsx, this process),`,
    `after Chromium closed; ${String(exported.browserEncoders.rounds)} rounds in Chromium, in the export page after the`,
    'throughput rounds, with nothing attached.',
  ].join('\n');
  return {
    markdown,
    goals: encoderGoals(node, exported.browserEncoders),
    results: { exported, node },
  };
}
