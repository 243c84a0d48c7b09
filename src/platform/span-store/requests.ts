/**
 * Raw IndexedDB requests as promises. The store does not use idb's wrappers: their per-request
 * promises reject unhandled when a transaction aborts, and a put that must survive a
 * ConstraintError needs its error event cancelled, which idb does not expose. Every promise here
 * is awaited by its caller, whose transaction helper turns an abort into one StoreWriteError.
 *
 * Only IndexedDB work may be awaited inside a transaction: it commits as soon as a task ends with
 * no request pending, and these promises settle in the request's own event, where it is active.
 *
 * Each helper takes the request as a function and issues it inside the promise: on a transaction
 * that has just aborted, issuing throws, and that must reject this promise rather than escape
 * past the promises of the requests issued before it, leaving them unhandled.
 */

export function request<T>(issue: () => IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = issue();
    req.onsuccess = () => {
      resolve(req.result);
    };
    req.onerror = () => {
      reject(req.error ?? new DOMException('The request failed.', 'UnknownError'));
    };
  });
}

/**
 * Puts `value` into a store with a unique index; resolves false, with the transaction still
 * alive, when the index already holds one of its keys for another record. Any other failure
 * rejects and aborts the transaction: cancelling it would commit the rest without this record.
 */
export function putUnlessTaken(put: () => IDBRequest): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const req = put();
    req.onsuccess = () => {
      resolve(true);
    };
    req.onerror = (event) => {
      if (req.error?.name === 'ConstraintError') {
        event.preventDefault();
        event.stopPropagation();
        resolve(false);
      } else {
        reject(req.error ?? new DOMException('The put failed.', 'UnknownError'));
      }
    };
  });
}

/**
 * Walks a key cursor (an index's keys, no values) until `visit` returns false or it ends.
 * `visit` gets the index key and the record's primary key.
 */
export function walkKeys(
  open: () => IDBRequest<IDBCursor | null>,
  visit: (key: IDBValidKey, primaryKey: IDBValidKey) => boolean,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = open();
    req.onsuccess = () => {
      const cursor = req.result;
      try {
        if (cursor === null || !visit(cursor.key, cursor.primaryKey)) {
          resolve();
          return;
        }
      } catch (error) {
        // Thrown from an event handler, it would abort the transaction and leave us pending.
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      cursor.continue();
    };
    req.onerror = () => {
      reject(req.error ?? new DOMException('The cursor failed.', 'UnknownError'));
    };
  });
}

/** Walks a cursor over records, values included. */
export function walkValues(
  open: () => IDBRequest<IDBCursorWithValue | null>,
  visit: (value: unknown) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = open();
    req.onsuccess = () => {
      const cursor = req.result;
      if (cursor === null) {
        resolve();
        return;
      }
      try {
        visit(cursor.value);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      cursor.continue();
    };
    req.onerror = () => {
      reject(req.error ?? new DOMException('The cursor failed.', 'UnknownError'));
    };
  });
}
