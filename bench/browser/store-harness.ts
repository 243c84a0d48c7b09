/**
 * Runs inside an extension page of real Chromium (bundled by bench/store.bench.ts): the span
 * store's goals of issue #9, each measured on the chunk layout (v2) and on release 0.1.0's
 * layout (v1, the frozen copy in test/fixtures) in the same page, in turns.
 */
import { harEntryToSpan } from '../../src/core/span';
import type { RecordedSpan } from '../../src/core/span/model';
import { Batcher } from '../../src/devtools/recorder/batcher';
import { openSpanStore, StoreWriteError, type SpanStore } from '../../src/platform/span-store';
import {
  v1All,
  v1MarkExported,
  v1Open,
  v1PutBatch,
  v1Recent,
  v1SpansOfTrace,
  v1Unexported,
} from '../../test/fixtures/span-store-v1/v1-queries';
import {
  benchSpans,
  CLUSTERED_TRACE,
  harEntry,
  interleaved,
  mapContext,
  SPREAD_TRACE,
  timed,
  type Sample,
} from './bench-spans';
import { migrate, type MigrationResult } from './store-migration';

export interface Pair {
  readonly v1: Sample;
  readonly v2: Sample;
}

export interface StoreBenchOptions {
  readonly spans: number;
  readonly rounds: number;
  readonly recordingSpans: number;
  readonly recordingRounds: number;
}

export interface StoreBenchResult {
  readonly stored: number;
  readonly chunks: number;
  /** Spans per second. */
  readonly recording: Pair;
  /** The rest in milliseconds. */
  readonly newestRows: Pair;
  readonly allRows: Pair & { readonly rows: number };
  readonly clusteredTrace: Pair & { readonly spans: number };
  readonly spreadTrace: Pair & { readonly spans: number; readonly chunks: number };
  readonly exportBatch: Pair & { readonly spans: number };
  readonly migration: MigrationResult;
}

const V1 = 'bench-store-v1';
const V2 = 'bench-store-v2';
const REC_V1 = 'bench-record-v1';
const REC_V2 = 'bench-record-v2';

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => {
      resolve();
    };
    request.onerror = () => {
      reject(request.error ?? new Error(`could not delete ${name}`));
    };
  });
}

/** HAR entry → harEntryToSpan → Batcher → `write`, as the recorder runs; spans per second. */
async function recordRound(
  template: unknown,
  count: number,
  write: (spans: readonly RecordedSpan[]) => Promise<unknown>,
): Promise<number> {
  const batcher = new Batcher<unknown>({
    write,
    onWritten: () => undefined,
    onFailed: (error) => {
      throw error;
    },
    invalidIn: (error) => (error instanceof StoreWriteError ? error.invalid : []),
    onDropped: () => undefined,
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => {
      clearTimeout(handle as ReturnType<typeof setTimeout>);
    },
  });
  const ctx = mapContext();
  const ms = await timed(async () => {
    for (let i = 0; i < count; i++) {
      const result = harEntryToSpan(harEntry(template, i), ctx);
      if (result.kind === 'span') batcher.add(result.span);
    }
    while (batcher.pending > 0) await batcher.flush();
  });
  return (count / ms) * 1000;
}

async function recording(template: unknown, options: StoreBenchOptions): Promise<Pair> {
  const [v1, v2] = await interleaved(
    options.recordingRounds,
    async () => {
      await deleteDatabase(REC_V1);
      const db = await v1Open(REC_V1);
      const rate = await recordRound(template, options.recordingSpans, (s) => v1PutBatch(db, s));
      db.close();
      return rate;
    },
    async () => {
      await deleteDatabase(REC_V2);
      const store = await openSpanStore({ name: REC_V2 });
      const rate = await recordRound(template, options.recordingSpans, (s) => store.putBatch(s));
      store.close();
      return rate;
    },
  );
  await Promise.all([deleteDatabase(REC_V1), deleteDatabase(REC_V2)]);
  return { v1, v2 };
}

async function blocksHolding(store: SpanStore, traceId: string): Promise<number> {
  let chunks = 0;
  for await (const block of store.rowBlocks()) if (block.traceId.includes(traceId)) chunks += 1;
  return chunks;
}

async function storeBench(
  template: unknown,
  options: StoreBenchOptions,
): Promise<StoreBenchResult> {
  await Promise.all([V1, V2, REC_V1, REC_V2].map(deleteDatabase));
  const recorded = await recording(template, options);

  const spans = benchSpans(template, options.spans);
  const v1 = await v1Open(V1);
  for (let i = 0; i < spans.length; i += 5000) await v1PutBatch(v1, spans.slice(i, i + 5000));
  const v2 = await openSpanStore({ name: V2 });
  // As the recorder writes them: batches of at most 500.
  for (let i = 0; i < spans.length; i += 500) await v2.putBatch(spans.slice(i, i + 500));
  let chunks = 0;
  for await (const block of v2.rowBlocks()) chunks += block.count > 0 ? 1 : 0;

  const rounds = options.rounds;
  const [newest1, newest2] = await interleaved(
    rounds,
    () => timed(() => v1Recent(v1, 200)),
    () => timed(() => v2.newestRows(200)),
  );
  let rows = 0;
  const [all1, all2] = await interleaved(
    Math.max(3, Math.ceil(rounds / 2)),
    () => timed(() => v1All(v1)),
    () =>
      timed(async () => {
        rows = 0;
        for await (const block of v2.rowBlocks()) rows += block.count;
      }),
  );
  let clustered = 0;
  const [clustered1, clustered2] = await interleaved(
    rounds,
    () => timed(() => v1SpansOfTrace(v1, CLUSTERED_TRACE)),
    () => timed(async () => (clustered = (await v2.spansOfTrace(CLUSTERED_TRACE)).length)),
  );
  let spread = 0;
  const [spread1, spread2] = await interleaved(
    rounds,
    () => timed(() => v1SpansOfTrace(v1, SPREAD_TRACE)),
    () => timed(async () => (spread = (await v2.spansOfTrace(SPREAD_TRACE)).length)),
  );
  let exported = 0;
  const [export1, export2] = await interleaved(
    rounds,
    () =>
      timed(async () => {
        const batch = (await v1Unexported(v1, 1000)) as RecordedSpan[];
        await v1MarkExported(
          v1,
          batch.map((s) => [s.traceId, s.spanId] as const),
        );
      }),
    () =>
      timed(async () => {
        const batch = await v2.nextExportBatch({ maxSpans: 1000, maxBytes: 16 * 1024 * 1024 });
        exported = await v2.markExported(batch.refs);
      }),
  );
  const spreadChunks = await blocksHolding(v2, SPREAD_TRACE);
  v2.close();

  // Last, as it turns the version-1 database (export marks included) into a version-2 one.
  const migration = await migrate(v1, V1);
  await Promise.all([deleteDatabase(V1), deleteDatabase(V2)]);

  return {
    stored: spans.length,
    chunks,
    recording: recorded,
    newestRows: { v1: newest1, v2: newest2 },
    allRows: { v1: all1, v2: all2, rows },
    clusteredTrace: { v1: clustered1, v2: clustered2, spans: clustered },
    spreadTrace: { v1: spread1, v2: spread2, spans: spread, chunks: spreadChunks },
    exportBatch: { v1: export1, v2: export2, spans: exported },
    migration,
  };
}

(globalThis as unknown as { storeBench: typeof storeBench }).storeBench = storeBench;
