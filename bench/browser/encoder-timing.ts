/**
 * Our OTLP encoders against @opentelemetry/otlp-transformer's serializers on the same spans, in
 * whatever runtime imports this (Node for bench/export.bench.ts, an extension page of Chromium
 * for export-bench.ts): batches of the exporter's size, the four encoders in turns within each
 * round, the first one rotating, so drift and GC fall on all of them alike.
 */
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { DEFAULT_EXPORT } from '../../src/core/config/parse-export';
import { MAX_SPANS_PER_REQUEST } from '../../src/core/otlp/batch-size';
import { encodeOtlpJson, type OtlpExportMeta } from '../../src/core/otlp/json';
import { encodeOtlpProtobuf } from '../../src/core/otlp/protobuf';
import { exportResource, type BrowserInfo } from '../../src/core/otlp/resource';
import type { RecordedSpan } from '../../src/core/span/model';
import { seedSpans } from '../../test/support/seed-spans';
import { sample, type Sample } from './bench-spans';
import { readableSpans } from '../../test/support/readable-spans';

/** Distinct batches each sample encodes, so no one batch's shapes are all the JIT sees. */
export const BATCHES = 10;
/** Passes over the batches per sample: a sample is then tens of milliseconds. */
const REPEATS = 2;
/** Untimed passes first, so every encoder is compiled before the first sample. */
const WARMUP = 3;

export type Format = 'json' | 'protobuf';
export type Side = 'ours' | 'theirs';

export interface EncoderSide {
  /** Milliseconds per batch of `spansPerBatch` spans. */
  readonly msPerBatch: Sample;
  /** Body bytes over all `batches` batches. */
  readonly bytes: number;
}

export type EncoderBenchResult = {
  readonly spansPerBatch: number;
  readonly batches: number;
  readonly rounds: number;
  readonly repeats: number;
} & Readonly<Record<Format, Readonly<Record<Side, EncoderSide>>>>;

/** The resource and scope the exporter sends (src/background/exporter.ts), for a given browser. */
export function benchMeta(browser: BrowserInfo): OtlpExportMeta {
  const scope = { name: 'Trace Capture', version: '0.1.0' };
  return { resource: exportResource(DEFAULT_EXPORT, browser, scope), scope };
}

/** `BATCHES` batches of the exporter's batch size from the seeded spans the export bench stores. */
export function encoderBatches(): RecordedSpan[][] {
  const spans = seedSpans(BATCHES * MAX_SPANS_PER_REQUEST);
  return Array.from({ length: BATCHES }, (_, i) =>
    spans.slice(i * MAX_SPANS_PER_REQUEST, (i + 1) * MAX_SPANS_PER_REQUEST),
  );
}

interface Task {
  readonly format: Format;
  readonly side: Side;
  readonly encode: (batch: number) => Uint8Array;
}

function theirs(bytes: Uint8Array | undefined): Uint8Array {
  if (bytes === undefined) throw new Error('the OpenTelemetry serializer returned nothing');
  return bytes;
}

/** The four encoders, each over batch `i`; the SDK's spans are built here, before any timing. */
export function encoderTasks(batches: readonly RecordedSpan[][], meta: OtlpExportMeta): Task[] {
  const at = <T>(list: readonly T[], i: number): T => {
    const item = list[i];
    if (item === undefined) throw new Error(`no batch ${String(i)}`);
    return item;
  };
  const readables = batches.map((batch) => readableSpans(batch, meta));
  return [
    {
      format: 'json',
      side: 'ours',
      // What the exporter does for application/json.
      encode: (i) => new TextEncoder().encode(JSON.stringify(encodeOtlpJson(at(batches, i), meta))),
    },
    {
      format: 'json',
      side: 'theirs',
      encode: (i) => theirs(JsonTraceSerializer.serializeRequest(at(readables, i))),
    },
    {
      format: 'protobuf',
      side: 'ours',
      encode: (i) => encodeOtlpProtobuf(encodeOtlpJson(at(batches, i), meta)),
    },
    {
      format: 'protobuf',
      side: 'theirs',
      encode: (i) => theirs(ProtobufTraceSerializer.serializeRequest(at(readables, i))),
    },
  ];
}

export function encoderBench(rounds: number, browser: BrowserInfo): EncoderBenchResult {
  const batches = encoderBatches();
  const tasks = encoderTasks(batches, benchMeta(browser));
  const times = tasks.map((): number[] => []);
  const bytes = tasks.map(() => 0);
  const pass = (task: Task) => {
    let total = 0;
    for (let i = 0; i < batches.length; i++) total += task.encode(i).length;
    return total;
  };
  tasks.forEach((task, t) => {
    for (let w = 0; w < WARMUP; w++) bytes[t] = pass(task);
  });
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < tasks.length; k++) {
      const t = (round + k) % tasks.length;
      const task = tasks[t];
      if (task === undefined) continue;
      const started = performance.now();
      let written = 0;
      for (let r = 0; r < REPEATS; r++) written += pass(task);
      times[t]?.push((performance.now() - started) / (REPEATS * batches.length));
      // Every pass writes the same bytes; checking it also keeps the work from being dropped.
      if (written !== REPEATS * (bytes[t] ?? 0)) throw new Error('an encoder is not deterministic');
    }
  }
  const side = (format: Format, which: Side): EncoderSide => {
    const t = tasks.findIndex((task) => task.format === format && task.side === which);
    return { msPerBatch: sample(times[t] ?? []), bytes: bytes[t] ?? 0 };
  };
  return {
    spansPerBatch: MAX_SPANS_PER_REQUEST,
    batches: batches.length,
    rounds,
    repeats: REPEATS,
    json: { ours: side('json', 'ours'), theirs: side('json', 'theirs') },
    protobuf: { ours: side('protobuf', 'ours'), theirs: side('protobuf', 'theirs') },
  };
}
