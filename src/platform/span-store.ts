/**
 * Where recorded spans live: one IndexedDB database per extension, shared by every DevTools
 * window that records, the panel that shows them and the background that exports them.
 * The schema, limits and guarantees are documented in docs/storage.md.
 */
import type { RecordedSpan } from '../core/span/model';
import { StoreClosedError } from './span-store/errors';
import * as queries from './span-store/queries';
import { enforceRetention, EVICTION_BATCH, type RetentionLimits } from './span-store/retention';
import {
  openSpanDatabase,
  SPAN_DB_NAME,
  SPANS,
  type CloseReason,
  type SpanDatabase,
  type SpanKey,
} from './span-store/schema';
import * as write from './span-store/write';

export { StoreClosedError, StoreWriteError } from './span-store/errors';
export { DEFAULT_RETENTION, EVICTION_BATCH, type RetentionLimits } from './span-store/retention';
export { SPAN_DB_NAME, SPAN_DB_VERSION, type CloseReason, type SpanKey } from './span-store/schema';

export interface SpanStore {
  /**
   * Stores the batch in one readwrite transaction and resolves once it has committed. A span
   * already stored under the same `[traceId, spanId]` is replaced. Rejects with a
   * StoreWriteError, having stored nothing of the batch, when IndexedDB refuses it.
   */
  putBatch(spans: readonly RecordedSpan[]): Promise<void>;
  count(): Promise<number>;
  /** Removes every span. */
  clear(): Promise<void>;
  /** Evicts the oldest spans beyond the limits, in batches; resolves with how many went. */
  enforceRetention(limits: RetentionLimits, now: number): Promise<number>;
  /** By start time. */
  spansOfTrace(traceId: string): Promise<RecordedSpan[]>;
  /** By start time. */
  spansOfPageView(pageViewId: string): Promise<RecordedSpan[]>;
  /** Newest first by start time. */
  recent(limit: number): Promise<RecordedSpan[]>;
  /** Oldest first by start time. */
  unexported(limit: number): Promise<RecordedSpan[]>;
  /** Marks these spans accepted by a backend; keys no longer stored are skipped. */
  markExported(keys: readonly SpanKey[]): Promise<void>;
  get(traceId: string, spanId: string): Promise<RecordedSpan | undefined>;
  /** Closes the connection once its transactions are done; later calls reject. */
  close(): void;
}

export interface SpanStoreOptions {
  /** Database name; tests use their own. */
  readonly name?: string;
  /**
   * Defaults to the global `indexedDB`. It must come from the same implementation as the global
   * IDB classes, because idb recognises requests and cursors by `instanceof`.
   */
  readonly factory?: IDBFactory;
  /** Spans deleted per retention transaction. */
  readonly evictionBatch?: number;
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
  // StoreWriteError like any refused write; reads called from an async arrow reject with it.
  const live = (): SpanDatabase => {
    if (closed !== null) throw new StoreClosedError(CLOSED_BECAUSE[closed]);
    return db;
  };
  return {
    putBatch: (spans) => write.putBatch(live, spans),
    count: async () => live().count(SPANS),
    clear: () => write.clear(live),
    enforceRetention: (limits, now) => enforceRetention(live, limits, now, batch),
    spansOfTrace: async (traceId) => queries.spansOfTrace(live(), traceId),
    spansOfPageView: async (pageViewId) => queries.spansOfPageView(live(), pageViewId),
    recent: async (limit) => queries.recent(live(), limit),
    unexported: async (limit) => queries.unexported(live(), limit),
    markExported: (keys) => write.markExported(live, keys),
    get: async (traceId, spanId) => live().get(SPANS, [traceId, spanId]),
    close() {
      closed ??= 'closed';
      db.close();
    },
  };
}
