import type { Worker } from 'playwright-core';
import type { RecordedSpan } from '../../src/core/span/model';

/**
 * Every span in the extension's IndexedDB, read from the service worker (same origin as the
 * devtools page that wrote them), with plain IndexedDB so the test does not share our store code.
 * Reads the chunk layout of version 2 (docs/storage.md) and, before a migration, version 1's.
 */
export function storedSpans(worker: Worker): Promise<RecordedSpan[]> {
  return worker.evaluate(readStoredSpans, 'trace-capture');
}

/** The database's version and stores as they are on disk, or null when there is none yet. */
export function storedLayout(
  worker: Worker,
): Promise<{ version: number; stores: string[] } | null> {
  return worker.evaluate(readLayout, 'trace-capture');
}

// Sent into the worker as source text: everything it uses is inside it. No named function values
// inside either: tsx (the bench runner) keeps names by wrapping them in a helper that only
// exists in Node.
async function readStoredSpans(name: string): Promise<RecordedSpan[]> {
  const db = await new Promise<IDBDatabase | null>((resolve, reject) => {
    const open = indexedDB.open(name);
    let absent = false;
    // No database yet: do not create an empty one the extension would then have to upgrade.
    open.onupgradeneeded = () => {
      absent = true;
      open.transaction?.abort();
    };
    open.onsuccess = () => {
      resolve(open.result);
    };
    open.onerror = () => {
      if (absent) resolve(null);
      else reject(new Error(String(open.error)));
    };
  });
  if (db === null) return [];
  try {
    const names = [...db.objectStoreNames];
    const stores = names.includes('chunks')
      ? ['chunks', 'rows']
      : names.filter((n) => n === 'spans');
    if (stores.length === 0) return [];
    const tx = db.transaction(stores);
    const [first, second] = await Promise.all(
      stores.map(
        (store) =>
          new Promise<unknown[]>((resolve, reject) => {
            const request = tx.objectStore(store).getAll();
            request.onsuccess = () => {
              resolve(request.result);
            };
            request.onerror = () => {
              reject(new Error(String(request.error)));
            };
          }),
      ),
    );
    if (stores[0] === 'spans') return (first ?? []) as RecordedSpan[];
    const chunks = (first ?? []) as { id: number; spans: (string | RecordedSpan)[] }[];
    const rows = (second ?? []) as { id: number; rows: { exported: Uint8Array } }[];
    // The export flag lives beside the spans, in the rows record; it wins over the one inside.
    const exported = new Map(rows.map((r) => [r.id, r.rows.exported]));
    return chunks.flatMap((chunk) =>
      chunk.spans.map((stored, slot) => {
        const span = (typeof stored === 'string' ? JSON.parse(stored) : stored) as RecordedSpan;
        return { ...span, exported: exported.get(chunk.id)?.[slot] === 1 ? 1 : 0 };
      }),
    );
  } finally {
    db.close();
  }
}

async function readLayout(name: string): Promise<{ version: number; stores: string[] } | null> {
  const known = await indexedDB.databases();
  if (!known.some((d) => d.name === name)) return null;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => {
      resolve(open.result);
    };
    open.onerror = () => {
      reject(new Error(String(open.error)));
    };
  });
  const layout = { version: db.version, stores: [...db.objectStoreNames].sort() };
  db.close();
  return layout;
}
