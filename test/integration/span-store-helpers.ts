// idb recognises requests and cursors by the global IDB classes, so these must be
// fake-indexeddb's before anything opens a store.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, vi } from 'vitest';
import { compareRows, type CompactRow } from '../../src/core/span/compact-row';
import type { RecordedSpan } from '../../src/core/span/model';
import { blockRows } from '../../src/core/span/row-block';
import {
  openSpanStore,
  type ExportRef,
  type SpanStore,
  type SpanStoreOptions,
} from '../../src/platform/span-store';

export const T0 = Date.UTC(2026, 0, 1);

const opened: SpanStore[] = [];

afterEach(() => {
  vi.restoreAllMocks();
  for (const store of opened.splice(0)) store.close();
});

/** A store on its own in-memory factory, closed after the test. */
export async function freshStore(
  options: SpanStoreOptions = {},
): Promise<{ store: SpanStore; factory: IDBFactory; name: string }> {
  const factory = options.factory ?? new IDBFactory();
  const name = options.name ?? 'trace-capture-test';
  const store = await open({ ...options, factory, name });
  return { store, factory, name };
}

/** Another connection to the same database, closed after the test. */
export async function open(options: SpanStoreOptions): Promise<SpanStore> {
  const store = await openSpanStore(options);
  opened.push(store);
  return store;
}

export function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** Span `n` of trace `trace`, starting `n` ms after T0 unless told otherwise. */
export function span(
  n: number,
  overrides: Partial<Omit<RecordedSpan, 'context'>> & { pageViewId?: string; tabId?: number } = {},
): RecordedSpan {
  const { pageViewId = 'a'.repeat(16), tabId = 7, ...rest } = overrides;
  const start = rest.startTime ?? T0 + n;
  return {
    traceId: hex(1, 32),
    spanId: hex(n + 1, 16),
    name: 'GET /users/{id}',
    kind: 3,
    startTime: start,
    endTime: start + 12.5,
    attributes: {
      'http.request.method': 'GET',
      'url.full': `https://api.example.com/users/${String(n)}`,
    },
    events: [{ name: 'fetchStart', time: start }],
    status: { code: 0 },
    context: { tabId, pageViewId, pageUrl: 'https://app.example.com/' },
    exported: 0,
    ...rest,
  };
}

export function spans(from: number, to: number): RecordedSpan[] {
  return Array.from({ length: to - from }, (_, i) => span(from + i));
}

/** Sorted `traceId/spanId` keys: compares stored sets exactly, whatever the order. */
export function keys(records: readonly RecordedSpan[]): string[] {
  return records.map((s) => `${s.traceId}/${s.spanId}`).sort();
}

/** Everything stored, in the store's order: start time, then trace id, then span id. */
export async function all(store: SpanStore): Promise<RecordedSpan[]> {
  const spans: RecordedSpan[] = [];
  for await (const block of store.spanBlocks()) spans.push(...block);
  return spans.sort(compareRows);
}

/** Every compact row, in the store's order. */
export async function allRows(store: SpanStore): Promise<CompactRow[]> {
  const rows: CompactRow[] = [];
  for await (const block of store.rowBlocks()) rows.push(...blockRows(block));
  return rows.sort(compareRows);
}

/** References that mark these spans, whatever copy is stored. */
export function refs(records: readonly RecordedSpan[]): ExportRef[] {
  return records.map((s) => ({ traceId: s.traceId, spanId: s.spanId }));
}

/** Spans stored, as counts() says. */
export async function count(store: SpanStore): Promise<number> {
  return (await store.counts()).spans;
}

/** Counts the readwrite transactions opened while `run` runs. */
export async function readwriteTransactions(run: () => Promise<unknown>): Promise<number> {
  const spy = vi.spyOn(IDBDatabase.prototype, 'transaction');
  try {
    await run();
    return spy.mock.calls.filter(([, mode]) => mode === 'readwrite').length;
  } finally {
    spy.mockRestore();
  }
}

/** What the `chunks` store holds, read past the store's API: id and span keys per chunk. */
export async function rawChunks(
  factory: IDBFactory,
  name: string,
): Promise<{ id: number; keys: string[]; pageViews: string[]; textBytes: number }[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = factory.open(name);
    request.onsuccess = () => {
      resolve(request.result);
    };
    request.onerror = () => {
      reject(request.error ?? new Error('open failed'));
    };
  });
  try {
    const records = await new Promise<unknown[]>((resolve, reject) => {
      const request = db.transaction('chunks').objectStore('chunks').getAll();
      request.onsuccess = () => {
        resolve(request.result);
      };
      request.onerror = () => {
        reject(request.error ?? new Error('read failed'));
      };
    });
    return (
      records as { id: number; keys: [string, string][]; pageViews: string[]; spans: unknown[] }[]
    ).map((r) => ({
      id: r.id,
      keys: r.keys.map(([t, s]) => `${t}/${s}`),
      pageViews: r.pageViews,
      textBytes: r.spans.reduce<number>((n, s) => n + (typeof s === 'string' ? s.length : 0), 0),
    }));
  } finally {
    db.close();
  }
}
