/**
 * The span database's schema and its migrations. Each migration takes the database from its
 * index to index + 1, so a later version appends one function and every older database on disk
 * walks forward through the ones it has not run, all inside IndexedDB's upgrade transaction:
 * a migration that fails or is cut short (DevTools closed halfway) leaves the database exactly
 * as it was, to be migrated again from the start on the next open.
 */
import { migrateFromV1, V1_SPANS } from './migrate-v1';

export const SPAN_DB_NAME = 'trace-capture';

type Migration = (db: IDBDatabase, tx: IDBTransaction) => Promise<void> | void;

const MIGRATIONS: readonly Migration[] = [
  // 0 → 1: one record per span, five indexes. A new database passes through it on the way to 2.
  (db) => {
    const spans = db.createObjectStore(V1_SPANS, { keyPath: ['traceId', 'spanId'] });
    spans.createIndex('startTime', 'startTime');
    spans.createIndex('traceId', 'traceId');
    spans.createIndex('pageViewId', 'context.pageViewId');
    spans.createIndex('exported', 'exported');
    spans.createIndex('exported_startTime', ['exported', 'startTime']);
  },
  // 1 → 2: chunks of spans and their compact rows; every version-1 span carried over.
  migrateFromV1,
];

export const SPAN_DB_VERSION = MIGRATIONS.length;

/** Why a connection went away without our `close()`. */
export type CloseReason = 'versionchange' | 'terminated';

/** Opens (creating or migrating) the span database of `factory`; tests pass their own factory. */
export function openSpanDatabase(
  factory: IDBFactory,
  name: string,
  onClose: (reason: CloseReason) => void,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, SPAN_DB_VERSION);
    let failure: Error | undefined;
    request.onupgradeneeded = (event) => {
      const db = request.result;
      const tx = request.transaction as IDBTransaction;
      migrate(db, tx, event.oldVersion).catch((error: unknown) => {
        try {
          tx.abort();
          failure = error instanceof Error ? error : new Error(String(error));
        } catch {
          // It had aborted already (quota, the page going away), which is what made the
          // migration fail: the open request's own error names that cause.
        }
      });
    };
    // 'blocked' needs no handler: it means an older connection is still open, and ours close
    // themselves on 'versionchange' below, so the open goes on once they have.
    request.onerror = () => {
      reject(failure ?? request.error ?? new DOMException('The open failed.', 'UnknownError'));
    };
    request.onsuccess = () => {
      const db = request.result;
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
      resolve(db);
    };
  });
}

async function migrate(db: IDBDatabase, tx: IDBTransaction, from: number): Promise<void> {
  for (const step of MIGRATIONS.slice(from)) await step(db, tx);
}
