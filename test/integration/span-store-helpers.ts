// idb recognises requests and cursors by the global IDB classes, so these must be
// fake-indexeddb's before anything opens a store.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, vi } from 'vitest';
import type { RecordedSpan } from '../../src/core/span/model';
import {
  openSpanStore,
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

/** Everything stored, oldest first (recent() reads every span when asked for enough). */
export async function all(store: SpanStore): Promise<RecordedSpan[]> {
  return (await store.recent(Number.MAX_SAFE_INTEGER)).reverse();
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
