import { describe, expect, test } from 'vitest';
import { compactRow } from '../../src/core/span/compact-row';
import type { RecordedSpan } from '../../src/core/span/model';
import { SPAN_DB_VERSION, StoreWriteError } from '../../src/platform/span-store';
import {
  all,
  count,
  freshStore,
  hex,
  keys,
  open,
  readwriteTransactions,
  span,
  spans,
} from './span-store-helpers';

describe('putBatch', () => {
  test('stores every span of the batch exactly as given, and says what it stored', async () => {
    const { store } = await freshStore();
    const batch = spans(0, 250);
    const stored = await store.putBatch(batch);
    expect(stored).toEqual({ added: 250, replaced: 0, rows: batch.map(compactRow) });
    expect(await count(store)).toBe(250);
    expect(await store.get(hex(1, 32), hex(42, 16))).toEqual(batch[41]);
    expect(await all(store)).toEqual(batch);
  });

  test('writes each batch in exactly one readwrite transaction', async () => {
    const { store } = await freshStore();
    const transactions = await readwriteTransactions(async () => {
      await store.putBatch(spans(0, 250));
      await store.putBatch(spans(250, 500));
      await store.putBatch(spans(500, 501));
    });
    expect(transactions).toBe(3);
    expect(await count(store)).toBe(501);
  });

  test('an empty batch opens no transaction', async () => {
    const { store } = await freshStore();
    let stored: unknown;
    expect(
      await readwriteTransactions(async () => {
        stored = await store.putBatch([]);
      }),
    ).toBe(0);
    expect(stored).toEqual({ added: 0, replaced: 0, rows: [] });
    expect(await count(store)).toBe(0);
  });

  test('writing the same [traceId, spanId] again replaces the record', async () => {
    const { store } = await freshStore();
    await store.putBatch([span(1), span(2)]);
    const renamed = span(1, { name: 'GET /users/{id}/posts' });
    expect(await store.putBatch([renamed])).toMatchObject({ added: 0, replaced: 1 });
    expect(await count(store)).toBe(2);
    expect(await store.get(renamed.traceId, renamed.spanId)).toEqual(renamed);
  });

  test('a key given twice in one batch is stored once: the last copy', async () => {
    const { store } = await freshStore();
    const last = span(1, { name: 'second' });
    const stored = await store.putBatch([span(1), span(2), last]);
    expect(stored).toEqual({ added: 2, replaced: 0, rows: [span(2), last].map(compactRow) });
    expect(await all(store)).toEqual([last, span(2)]);
  });

  test('the same span id in another trace is another span', async () => {
    const { store } = await freshStore();
    await store.putBatch([span(1), span(1, { traceId: hex(2, 32) })]);
    expect(await count(store)).toBe(2);
  });

  test.each([
    ['no spanId', { spanId: undefined }, 'has no spanId'],
    ['an empty traceId', { traceId: '' }, 'has no traceId'],
    ['a NaN startTime', { startTime: Number.NaN }, 'has no finite startTime'],
    ['no exported flag', { exported: undefined }, 'has an exported flag other than 0 or 1'],
    ['no page view id', { pageViewId: undefined }, 'has no page view id'],
  ])('a batch with one span with %s is rejected whole', async (_, broken, why) => {
    const { store } = await freshStore();
    await store.putBatch([span(100)]);
    const batch = spans(0, 10);
    const bad = { ...span(4), ...broken } as unknown as RecordedSpan;
    if ('pageViewId' in broken) Object.assign(bad, { context: { ...bad.context, pageViewId: 1 } });
    batch[4] = bad;
    const error: unknown = await store.putBatch(batch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreWriteError);
    expect(error).toMatchObject({ quota: false, invalid: [4] });
    expect((error as Error).message).toBe(
      `Refusing to store 10 spans: span #4 ${why} (1 invalid span). Nothing of the batch was stored.`,
    );
    expect(keys(await all(store))).toEqual(keys([span(100)]));
  });

  test('a span that cannot be cloned fails the batch before any transaction, naming it', async () => {
    const { store } = await freshStore();
    const batch = spans(0, 5);
    batch[3] = { ...span(3), attributes: { bad: (() => 'x') as unknown as string } };
    let error: unknown;
    const transactions = await readwriteTransactions(async () => {
      error = await store.putBatch(batch).catch((e: unknown) => e);
    });
    expect(transactions).toBe(0);
    expect(error).toMatchObject({ name: 'StoreWriteError', quota: false, invalid: [3] });
    expect((error as Error).message).toMatch(
      /^Refusing to store 5 spans: span #3 cannot be cloned \(DataCloneError/,
    );
    expect(await count(store)).toBe(0);
  });

  test('a span that throws when read fails the batch, naming it, and the store is untouched', async () => {
    const { store } = await freshStore();
    await store.putBatch([span(100)]);
    const hostile = { ...span(1) };
    Object.defineProperty(hostile, 'attributes', {
      enumerable: true,
      get() {
        throw new Error('gotcha');
      },
    });
    const error: unknown = await store.putBatch([span(0), hostile]).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'StoreWriteError', invalid: [1] });
    expect((error as Error).message).toMatch(/^Refusing to store 2 spans: span #1 cannot be read/);
    expect(await all(store)).toEqual([span(100)]);
  });

  test('values JSON would change are kept exactly', async () => {
    const { store } = await freshStore();
    const odd = span(1, {
      attributes: { nan: Number.NaN, negativeZero: -0, huge: Number.POSITIVE_INFINITY },
    });
    const withUndefined = { ...span(2), parentSpanId: undefined } as unknown as RecordedSpan;
    await store.putBatch([odd, withUndefined, span(3)]);
    const [a, b, c] = await all(store);
    expect(Object.is(a?.attributes['negativeZero'], -0)).toBe(true);
    expect(a).toEqual(odd);
    expect(b && 'parentSpanId' in b).toBe(true);
    expect(c).toEqual(span(3));
  });
});

describe('clear', () => {
  test('removes every span, says how many, and the store keeps working', async () => {
    const { store } = await freshStore();
    await store.putBatch(spans(0, 300));
    expect(await store.clear()).toBe(300);
    expect(await store.counts()).toMatchObject({ spans: 0, unexported: 0 });
    expect(await store.nextExportBatch({ maxSpans: 10, maxBytes: 1e6 })).toMatchObject({
      spans: [],
    });
    await store.putBatch([span(5)]);
    expect(await all(store)).toEqual([span(5)]);
  });
});

describe('the database', () => {
  test('outlives the connection', async () => {
    const { store, factory, name } = await freshStore();
    await store.putBatch(spans(0, 20));
    store.close();
    const reopened = await open({ factory, name });
    expect(await all(reopened)).toEqual(spans(0, 20));
  });

  test('has the documented schema', async () => {
    const { factory, name } = await freshStore();
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
      expect(db.version).toBe(SPAN_DB_VERSION);
      expect(SPAN_DB_VERSION).toBe(2);
      expect([...db.objectStoreNames]).toEqual(['chunks', 'meta', 'rows']);
      const tx = db.transaction(['chunks', 'rows', 'meta']);
      const describe = (store: IDBObjectStore) => ({
        keyPath: store.keyPath,
        indexes: Object.fromEntries(
          [...store.indexNames].map((n) => {
            const index = store.index(n);
            return [n, { keyPath: index.keyPath, unique: index.unique, multi: index.multiEntry }];
          }),
        ),
      });
      expect(describe(tx.objectStore('chunks'))).toEqual({
        keyPath: 'id',
        indexes: {
          key: { keyPath: 'keys', unique: true, multi: true },
          pageView: { keyPath: 'pageViews', unique: false, multi: true },
        },
      });
      expect(describe(tx.objectStore('rows'))).toEqual({
        keyPath: 'id',
        indexes: {
          byEnd: { keyPath: ['maxStart', 'minStart', 'count'], unique: false, multi: false },
          byStart: { keyPath: ['minStart', 'maxStart', 'count'], unique: false, multi: false },
          byUnexported: {
            keyPath: ['minUnexported', 'maxStart', 'unexported'],
            unique: false,
            multi: false,
          },
        },
      });
      expect(describe(tx.objectStore('meta'))).toEqual({ keyPath: 'key', indexes: {} });
    } finally {
      db.close();
    }
  });

  test('a closed store refuses writes with a StoreWriteError and reads with its reason', async () => {
    const { store } = await freshStore();
    store.close();
    await expect(store.putBatch([span(1)])).rejects.toThrow(
      'IndexedDB refused to store 1 span: the store is closed (StoreClosedError: the span store was closed).',
    );
    await expect(store.counts()).rejects.toThrow('the span store was closed');
    await expect(store.newestRows(5)).rejects.toThrow('the span store was closed');
  });
});
