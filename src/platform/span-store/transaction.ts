import { unwrap } from 'idb';
import { SPANS, type SpanDatabase } from './schema';

/** The open database, or a StoreClosedError thrown once it is gone. */
export type Connection = () => SpanDatabase;

/**
 * Runs `issue` in one readwrite transaction on the spans store and settles with it: resolves on
 * 'complete', rejects once it has aborted, so nothing of it is left when the promise settles.
 *
 * The requests are the raw, callback-style ones on purpose. Their outcome is the transaction's
 * outcome, and idb's per-request promises would each reject unhandled when a batch aborts.
 * idb's `tx.done` is not used either: it rejects on a failed request's 'error' event, before the
 * abort, while `tx.error` is still null, which loses a QuotaExceededError's name.
 */
export async function writeTransaction(
  db: Connection,
  issue: (store: IDBObjectStore) => void,
): Promise<void> {
  // On the raw connection: idb wraps every transaction it opens with a `done` promise, which
  // would reject unhandled when this one aborts.
  const tx = unwrap(db()).transaction(SPANS, 'readwrite');
  const done = finished(tx);
  try {
    issue(tx.objectStore(SPANS));
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
    // Something else aborted it first (quota at commit, the browser): `error` is then only the
    // TransactionInactiveError of the next request, and the abort's own error is the cause.
    throw abortedAlready ? aborted : error;
  }
  await done;
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
