import { isQuotaError } from './errors';
import { ALL_STORES, CHUNKS, META, ROWS } from './records';

/** The open database, or a StoreClosedError thrown once it is gone. */
export type Connection = () => IDBDatabase;

/** The stores of one transaction. A readonly one holds only those it was opened on. */
export interface Stores {
  readonly tx: IDBTransaction;
  readonly chunks: IDBObjectStore;
  readonly rows: IDBObjectStore;
  readonly meta: IDBObjectStore;
}

/**
 * Runs `body` in one readwrite transaction over every store and settles with it: resolves on
 * 'complete', rejects once it has aborted, so nothing of it is left when the promise settles.
 * Every write takes all three stores, so IndexedDB runs writes one after another, across
 * connections, and each sees the last one's counts and chunks whole.
 *
 * The transaction's own 'complete' and 'abort' decide, not the body: a quota error can come at
 * commit, after the body is done, and then `tx.error` is the only place that names it.
 */
export async function writeTransaction<T>(
  db: Connection,
  body: (s: Stores) => Promise<T>,
): Promise<T> {
  try {
    return await run(db().transaction(ALL_STORES, 'readwrite'), body);
  } catch (error) {
    // Firefox makes the next readwrite transaction on a connection after a quota abort a cleanup
    // one, which refuses every put (IDBDatabase::Transaction, mQuotaExceeded): the retry would
    // fail for that, with an InvalidStateError, and not for want of space. Spend it now, empty.
    if (isQuotaError(error)) spendCleanupTransaction(db);
    throw error;
  }
}

function spendCleanupTransaction(db: Connection): void {
  try {
    db().transaction(ALL_STORES, 'readwrite');
  } catch {
    // The connection is gone: it has no next transaction to spend.
  }
}

/** Runs `body` in one readonly transaction on `stores`: a consistent view of them. */
export function readTransaction<T>(
  db: Connection,
  stores: readonly string[],
  body: (s: Stores) => Promise<T>,
): Promise<T> {
  return run(db().transaction([...stores], 'readonly'), body);
}

async function run<T>(tx: IDBTransaction, body: (s: Stores) => Promise<T>): Promise<T> {
  const done = finished(tx);
  // Getters: a store outside a readonly transaction's scope throws IndexedDB's NotFoundError.
  const stores: Stores = {
    tx,
    get chunks() {
      return tx.objectStore(CHUNKS);
    },
    get rows() {
      return tx.objectStore(ROWS);
    },
    get meta() {
      return tx.objectStore(META);
    },
  };
  let result: T;
  try {
    result = await body(stores);
  } catch (error) {
    let abortedAlready = false;
    try {
      tx.abort();
    } catch {
      abortedAlready = true;
    }
    const aborted: unknown = await done.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    // Something else aborted it first (quota, the browser): the body then only saw the
    // AbortError of its pending request, and the abort's own error is the cause.
    throw abortedAlready && aborted !== undefined ? aborted : error;
  }
  await done;
  return result;
}

function finished(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.addEventListener('complete', () => {
      resolve();
    });
    tx.addEventListener('abort', () => {
      reject(tx.error ?? new DOMException('The transaction was aborted.', 'AbortError'));
    });
  });
}
