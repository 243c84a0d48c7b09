import type { Worker } from 'playwright-core';
import type { Browser } from 'puppeteer-core';
import type { RecordedSpan } from '../../src/core/span/model';
import { evaluateIn } from './firefox-chrome';

/**
 * Every span in the extension's IndexedDB, read from the service worker (same origin as the
 * devtools page that wrote them), with plain IndexedDB so the test does not share our store code.
 * Reads the chunk layout of version 2 (docs/storage.md) and, before a migration, version 1's.
 */
export function storedSpans(worker: Worker): Promise<RecordedSpan[]> {
  return worker.evaluate(readStoredSpans, 'trace-capture');
}

/** Firefox: the same, read from the extension page `context` (over raw BiDi, firefox-chrome.ts). */
export function firefoxStoredSpans(browser: Browser, context: string): Promise<RecordedSpan[]> {
  return evaluateIn(browser, context, `(${readStoredSpans.toString()})('trace-capture')`);
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
export async function readStoredSpans(name: string): Promise<RecordedSpan[]> {
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

/** What `storeIntegrity` found: how much is stored, and every way the records disagree. */
export interface StoreIntegrity {
  readonly chunks: number;
  readonly spans: number;
  /** `meta.state`'s count, which every write updates in the same transaction as the spans. */
  readonly counted: number | null;
  readonly problems: readonly string[];
}

/**
 * Checks the chunk layout (docs/storage.md "Layout") record by record, with plain IndexedDB: every
 * chunk has its rows record with the same count, every span decodes and carries the key the chunk
 * files it under, no key is stored twice, and `meta.state` counts exactly the spans there are.
 */
export function storeIntegrity(worker: Worker): Promise<StoreIntegrity> {
  return worker.evaluate(readIntegrity, 'trace-capture');
}

/** Firefox: the same, checked from the extension page `context`. */
export function firefoxStoreIntegrity(browser: Browser, context: string): Promise<StoreIntegrity> {
  return evaluateIn(browser, context, `(${readIntegrity.toString()})('trace-capture')`);
}

export async function readIntegrity(name: string): Promise<StoreIntegrity> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => {
      resolve(open.result);
    };
    open.onerror = () => {
      reject(new Error(String(open.error)));
    };
  });
  try {
    const tx = db.transaction(['chunks', 'rows', 'meta']);
    const [chunks, rows, state] = (await Promise.all(
      [
        tx.objectStore('chunks').getAll(),
        tx.objectStore('rows').getAll(),
        tx.objectStore('meta').get('state'),
      ].map(
        (request: IDBRequest) =>
          new Promise<unknown>((resolve, reject) => {
            request.onsuccess = () => {
              resolve(request.result);
            };
            request.onerror = () => {
              reject(new Error(String(request.error)));
            };
          }),
      ),
    )) as [
      { id: number; keys: [string, string][]; spans: unknown[] }[],
      { id: number; count: number }[],
      { spans: number } | undefined,
    ];
    const problems: string[] = [];
    const rowsById = new Map(rows.map((r) => [r.id, r]));
    const seen = new Set<string>();
    let spans = 0;
    for (const chunk of chunks) {
      const counted = rowsById.get(chunk.id)?.count;
      if (counted !== chunk.spans.length)
        problems.push(
          `chunk ${String(chunk.id)}: ${String(chunk.spans.length)} spans, rows say ${String(counted)}`,
        );
      rowsById.delete(chunk.id);
      chunk.spans.forEach((stored, slot) => {
        spans += 1;
        const where = `chunk ${String(chunk.id)} slot ${String(slot)}`;
        let span: { traceId?: unknown; spanId?: unknown; startTime?: unknown; endTime?: unknown };
        try {
          span = (typeof stored === 'string' ? JSON.parse(stored) : stored) as typeof span;
        } catch (error) {
          problems.push(`${where}: does not decode (${String(error)})`);
          return;
        }
        const key = chunk.keys[slot];
        if (span.traceId !== key?.[0] || span.spanId !== key?.[1])
          problems.push(
            `${where}: filed under ${JSON.stringify(key)}, holds ${String(span.spanId)}`,
          );
        if (typeof span.startTime !== 'number' || typeof span.endTime !== 'number')
          problems.push(`${where}: no start or end time`);
        const text = `${String(span.traceId)}/${String(span.spanId)}`;
        if (seen.has(text)) problems.push(`${where}: ${text} is stored twice`);
        seen.add(text);
      });
    }
    for (const id of rowsById.keys()) problems.push(`rows record ${String(id)} has no chunk`);
    const counted = state?.spans ?? null;
    if (counted !== spans)
      problems.push(`meta counts ${String(counted)} spans, ${String(spans)} are stored`);
    return { chunks: chunks.length, spans, counted, problems };
  } finally {
    db.close();
  }
}
