/**
 * Where recorded spans live: one IndexedDB database per extension, shared by every DevTools
 * window that records, the panel that shows them and the background that exports them. This is
 * the one query API all of them use; the layout, limits and guarantees are in docs/storage.md.
 */
import type { CompactRow, RowPosition } from '../core/span/compact-row';
import type { RecordedSpan } from '../core/span/model';
import { MAX_BLOCK_ROWS, type RowBlock } from '../core/span/row-block';
import { StoreClosedError } from './span-store/errors';
import {
  markExported,
  nextExportBatch,
  type ExportBatch,
  type ExportLimits,
  type ExportRef,
} from './span-store/export';
import { readState } from './span-store/meta';
import { getSpan, spansOfPageView, spansOfTrace } from './span-store/queries';
import {
  clear,
  enforceRetention,
  EVICTION_BATCH,
  type RetentionLimits,
} from './span-store/retention';
import { newestRows, rowBlocks, spanBlocks, type StreamOptions } from './span-store/rows';
import { META } from './span-store/records';
import { openSpanDatabase, SPAN_DB_NAME, type CloseReason } from './span-store/schema';
import { readTransaction } from './span-store/transaction';
import { putBatch, type StoredBatch } from './span-store/write';
import { DEFAULT_CHUNK_LIMITS, type ChunkLimits } from './span-store/write-set';

export { StoreClosedError, StoreWriteError } from './span-store/errors';
export type { ExportBatch, ExportLimits, ExportRef } from './span-store/export';
export { DEFAULT_RETENTION, EVICTION_BATCH, type RetentionLimits } from './span-store/retention';
export type { StreamOptions } from './span-store/rows';
export type { SpanKey } from './span-store/records';
export { SPAN_DB_NAME, SPAN_DB_VERSION, type CloseReason } from './span-store/schema';
export type { StoredBatch } from './span-store/write';
export { DEFAULT_CHUNK_LIMITS, type ChunkLimits } from './span-store/write-set';

export interface SpanCounts {
  /** Spans stored. */
  readonly spans: number;
  /** Of those, spans no backend has accepted yet. */
  readonly unexported: number;
  /** Spans retention evicted before a backend accepted them, since the store was last cleared. */
  readonly evictedUnexported: number;
}

export interface SpanStore {
  /**
   * The write path of the recorder and of import: stores the batch in one readwrite transaction
   * and resolves once it has committed, with the rows stored (for the live notice). A span whose
   * `[traceId, spanId]` is stored already replaces it in place. Rejects with a StoreWriteError,
   * having stored nothing of the batch, when IndexedDB refuses it.
   */
  putBatch(spans: readonly RecordedSpan[]): Promise<StoredBatch>;
  /** The `limit` newest rows before `before` (a row of the previous page), newest first. */
  newestRows(limit: number, before?: RowPosition): Promise<CompactRow[]>;
  /** Every compact row, one block per chunk, in write order; for filters and statistics. */
  rowBlocks(options?: StreamOptions): AsyncIterable<RowBlock>;
  /** Every full span, one array per chunk, in write order; for dumps and file export. */
  spanBlocks(options?: StreamOptions): AsyncIterable<RecordedSpan[]>;
  /** By start time, ties by span id. */
  spansOfTrace(traceId: string): Promise<RecordedSpan[]>;
  /** By start time, ties by trace and span id. */
  spansOfPageView(pageViewId: string): Promise<RecordedSpan[]>;
  get(traceId: string, spanId: string): Promise<RecordedSpan | undefined>;
  counts(): Promise<SpanCounts>;
  /** The oldest unexported spans, at most `maxSpans` and `maxBytes` (but at least one). */
  nextExportBatch(limits: ExportLimits): Promise<ExportBatch>;
  /** After a backend accepted them; resolves with how many were marked. */
  markExported(refs: readonly ExportRef[]): Promise<number>;
  /** Evicts the oldest spans beyond the limits, in batches; resolves with how many went. */
  enforceRetention(limits: RetentionLimits, now: number): Promise<number>;
  /** Removes every span; resolves with how many there were. */
  clear(): Promise<number>;
  /** Closes the connection once its transactions are done; later calls reject. */
  close(): void;
}

export interface SpanStoreOptions {
  /** Database name; tests use their own. */
  readonly name?: string;
  /** Defaults to the global `indexedDB`; tests hand in an isolated fake-indexeddb instance. */
  readonly factory?: IDBFactory;
  /** Spans deleted per retention transaction. */
  readonly evictionBatch?: number;
  /** How big chunks grow; tests use small ones to cross chunk boundaries often. */
  readonly chunkLimits?: ChunkLimits;
  /**
   * The connection went away without `close()`: a newer version of the extension opened the
   * database ('versionchange'), or the browser dropped it ('terminated'). Every later call
   * rejects with StoreClosedError; open a new store to go on.
   */
  readonly onClose?: (reason: CloseReason) => void;
}

const CLOSED_BECAUSE: Record<CloseReason | 'closed', string> = {
  versionchange:
    'a newer version of Trace Capture opened the span database; reopen DevTools to record again',
  terminated: 'the browser closed the span database (was site data cleared?)',
  closed: 'the span store was closed',
};

export async function openSpanStore(options: SpanStoreOptions = {}): Promise<SpanStore> {
  const batch = options.evictionBatch ?? EVICTION_BATCH;
  if (!Number.isInteger(batch) || batch < 1) {
    throw new RangeError(`evictionBatch must be a positive integer, not ${String(batch)}`);
  }
  const limits = options.chunkLimits ?? DEFAULT_CHUNK_LIMITS;
  if (!(Number.isInteger(limits.spans) && limits.spans >= 1 && limits.spans <= MAX_BLOCK_ROWS)) {
    throw new RangeError(`chunkLimits.spans must be a whole number from 1 to ${MAX_BLOCK_ROWS}`);
  }
  if (!(limits.bytes > 0)) throw new RangeError('chunkLimits.bytes must be above 0');
  let closed: CloseReason | 'closed' | null = null;
  const db = await openSpanDatabase(
    options.factory ?? indexedDB,
    options.name ?? SPAN_DB_NAME,
    (reason) => {
      closed ??= reason;
      options.onClose?.(reason);
    },
  );
  // Writes call it inside their own error handling, so a closed store's write rejects with a
  // StoreWriteError like any refused write; reads reject with the StoreClosedError itself.
  const live = (): IDBDatabase => {
    if (closed !== null) throw new StoreClosedError(CLOSED_BECAUSE[closed]);
    return db;
  };
  return {
    putBatch: (spans) => putBatch(live, spans, limits),
    newestRows: async (limit, before) => newestRows(live, limit, before),
    rowBlocks: (streamOptions) => rowBlocks(live, streamOptions),
    spanBlocks: (streamOptions) => spanBlocks(live, streamOptions),
    spansOfTrace: async (traceId) => spansOfTrace(live, traceId),
    spansOfPageView: async (pageViewId) => spansOfPageView(live, pageViewId),
    get: async (traceId, spanId) => getSpan(live, traceId, spanId),
    counts: async () => {
      const state = await readTransaction(live, [META], (s) => readState(s.meta));
      return {
        spans: state.spans,
        unexported: state.unexported,
        evictedUnexported: state.evictedUnexported ?? 0,
      };
    },
    nextExportBatch: async (exportLimits) => nextExportBatch(live, exportLimits),
    markExported: (refs) => markExported(live, refs),
    enforceRetention: (retention, now) => enforceRetention(live, retention, now, batch),
    clear: () => clear(live),
    close() {
      closed ??= 'closed';
      db.close();
    },
  };
}
