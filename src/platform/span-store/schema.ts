/**
 * The span database's schema and its migrations. Each migration takes the database from its
 * index to index + 1, so a later version appends one function (for example a `meta` store)
 * and every older database on disk walks forward through the ones it has not run.
 */
import { wrap, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { RecordedSpan } from '../../core/span/model';

export const SPAN_DB_NAME = 'trace-capture';
export const SPANS = 'spans';

/** The store's key: `[traceId, spanId]`, unique per span across traces. */
export type SpanKey = readonly [traceId: string, spanId: string];

export interface SpanDB extends DBSchema {
  spans: {
    key: [string, string];
    value: RecordedSpan;
    indexes: {
      startTime: number;
      traceId: string;
      pageViewId: string;
      exported: number;
      exported_startTime: [number, number];
    };
  };
}

export type SpanDatabase = IDBPDatabase<SpanDB>;
type UpgradeTransaction = IDBPTransaction<SpanDB, 'spans'[], 'versionchange'>;
type Migration = (db: SpanDatabase, tx: UpgradeTransaction) => void;

const MIGRATIONS: readonly Migration[] = [
  // 0 → 1: the spans store.
  (db) => {
    const spans = db.createObjectStore(SPANS, { keyPath: ['traceId', 'spanId'] });
    spans.createIndex('startTime', 'startTime');
    spans.createIndex('traceId', 'traceId');
    spans.createIndex('pageViewId', 'context.pageViewId');
    spans.createIndex('exported', 'exported');
    // The exporter's read: unexported spans, oldest first, one bounded range scan.
    spans.createIndex('exported_startTime', ['exported', 'startTime']);
  },
];

export const SPAN_DB_VERSION = MIGRATIONS.length;

/** Why a connection went away without our `close()`. */
export type CloseReason = 'versionchange' | 'terminated';

/**
 * idb's `openDB` always uses the global `indexedDB`; this is the same thing for a given factory,
 * so tests can hand in an isolated fake-indexeddb instance.
 */
export function openSpanDatabase(
  factory: IDBFactory,
  name: string,
  onClose: (reason: CloseReason) => void,
): Promise<SpanDatabase> {
  const request = factory.open(name, SPAN_DB_VERSION);
  request.addEventListener('upgradeneeded', (event) => {
    const db = wrap(request.result) as unknown as SpanDatabase;
    const tx = wrap(request.transaction as IDBTransaction) as unknown as UpgradeTransaction;
    for (const migrate of MIGRATIONS.slice(event.oldVersion)) migrate(db, tx);
  });
  // 'blocked' needs no handler: it means an older connection is still open, and ours close
  // themselves on 'versionchange' below, so the open goes on once they have.
  const opened = wrap(request) as unknown as Promise<SpanDatabase>;
  return opened.then((db) => {
    // A newer version opened elsewhere (an extension update) waits for every open connection
    // to close. Closing at once keeps it from hanging; this connection is finished either way.
    db.addEventListener('versionchange', () => {
      db.close();
      onClose('versionchange');
    });
    // The browser dropped the connection (storage cleared, disk error); `close()` never fires it.
    db.addEventListener('close', () => {
      onClose('terminated');
    });
    return db;
  });
}
