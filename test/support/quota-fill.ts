/**
 * Fills an origin's storage quota from one of its pages, with a database of its own beside the
 * extension's, so that the next write of any size is refused; then frees it again. Functions
 * Playwright sends into the page as source text: everything they use is inside them.
 */

export const FILLER_DB = 'quota-filler';

/** Writes ever smaller records until even 1 KiB is refused; resolves with the bytes written. */
export async function fillQuota(name: string): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onupgradeneeded = () => open.result.createObjectStore('fill', { autoIncrement: true });
    open.onsuccess = () => {
      resolve(open.result);
    };
    open.onerror = () => {
      reject(new Error(String(open.error)));
    };
  });
  let written = 0;
  try {
    for (let size = 256 * 1024; size >= 1024; size /= 4) {
      for (;;) {
        // Random text: Chromium compresses values, and a repeated character would cost nothing.
        let text = '';
        while (text.length < size) text += Math.random().toString(36).slice(2);
        const stored = await new Promise<boolean>((resolve, reject) => {
          const tx = db.transaction('fill', 'readwrite');
          tx.objectStore('fill').put(text);
          tx.oncomplete = () => {
            resolve(true);
          };
          tx.onabort = () => {
            if (tx.error?.name === 'QuotaExceededError') resolve(false);
            else reject(new Error(String(tx.error)));
          };
        });
        if (!stored) {
          // Firefox makes the next readwrite transaction on a connection after a quota abort a
          // cleanup one, which refuses puts (IDBDatabase::Transaction): spend it, empty.
          db.transaction('fill', 'readwrite');
          break;
        }
        written += text.length;
      }
    }
  } finally {
    db.close();
  }
  return written;
}

/** Deletes the filler database: the quota is free again. */
export function freeQuota(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => {
      resolve();
    };
    request.onerror = () => {
      reject(new Error(String(request.error)));
    };
  });
}
