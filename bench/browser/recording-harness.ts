/**
 * Runs inside an extension page of real Chromium (bundled by bench/recording.bench.ts): the
 * recorder's own path, HAR entry → harEntryToSpan → Batcher → IndexedDB, at full speed.
 */
import { harEntryToSpan } from '../../src/core/span';
import { Batcher } from '../../src/devtools/recorder/batcher';
import { openSpanStore, StoreWriteError, type StoredBatch } from '../../src/platform/span-store';
import { harEntry, mapContext } from './bench-spans';

export interface ThroughputResult {
  readonly spans: number;
  readonly ms: number;
  readonly stored: number;
}

async function throughput(template: unknown, count: number): Promise<ThroughputResult> {
  const store = await openSpanStore({ name: 'trace-capture-bench' });
  await store.clear();
  const batcher = new Batcher<StoredBatch>({
    write: (spans) => store.putBatch(spans),
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
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    // A distinct URL and start time per entry, as a real page's requests have.
    const result = harEntryToSpan(harEntry(template, i), ctx);
    if (result.kind === 'span') batcher.add(result.span);
  }
  await batcher.flush();
  while (batcher.pending > 0) await batcher.flush();
  const ms = performance.now() - started;
  const stored = (await store.counts()).spans;
  await store.clear();
  store.close();
  return { spans: count, ms, stored };
}

(globalThis as unknown as { recordingBench: typeof throughput }).recordingBench = throughput;
