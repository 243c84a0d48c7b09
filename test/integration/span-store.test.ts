import { describe, expect, test } from 'vitest';
import { StoreWriteError } from '../../src/platform/span-store';
import {
  all,
  freshStore,
  hex,
  keys,
  open,
  readwriteTransactions,
  span,
  spans,
  T0,
} from './span-store-helpers';

describe('putBatch', () => {
  test('stores every span of the batch exactly as given', async () => {
    const { store } = await freshStore();
    const batch = spans(0, 250);
    await store.putBatch(batch);
    expect(await store.count()).toBe(250);
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
    expect(await store.count()).toBe(501);
  });

  test('an empty batch opens no transaction', async () => {
    const { store } = await freshStore();
    expect(await readwriteTransactions(() => store.putBatch([]))).toBe(0);
    expect(await store.count()).toBe(0);
  });

  test('writing the same [traceId, spanId] again replaces the record', async () => {
    const { store } = await freshStore();
    await store.putBatch([span(1), span(2)]);
    const renamed = span(1, { name: 'GET /users/{id}/posts' });
    await store.putBatch([renamed]);
    expect(await store.count()).toBe(2);
    expect(await store.get(renamed.traceId, renamed.spanId)).toEqual(renamed);
  });

  test('the same span id in another trace is another span', async () => {
    const { store } = await freshStore();
    await store.putBatch([span(1), span(1, { traceId: hex(2, 32) })]);
    expect(await store.count()).toBe(2);
  });

  test.each([
    ['no spanId', { spanId: undefined }],
    ['an empty traceId', { traceId: '' }],
    ['a NaN startTime', { startTime: Number.NaN }],
    ['no exported flag', { exported: undefined }],
    ['no page view id', { pageViewId: undefined }],
  ])('a batch with one span with %s is rejected whole', async (_, broken) => {
    const { store } = await freshStore();
    await store.putBatch([span(100)]);
    const batch = spans(0, 10);
    const bad = { ...span(4), ...broken } as unknown as ReturnType<typeof span>;
    if ('pageViewId' in broken) Object.assign(bad, { context: { ...bad.context, pageViewId: 1 } });
    batch[4] = bad;
    const error: unknown = await store.putBatch(batch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreWriteError);
    expect(error).toMatchObject({ quota: false, invalid: [4] });
    expect((error as Error).message).toMatch(/^Refusing to store 10 spans: span #4 /);
    expect(keys(await all(store))).toEqual(keys([span(100)]));
  });

  test('a span IndexedDB cannot clone fails the batch, naming that span', async () => {
    const { store } = await freshStore();
    const batch = spans(0, 5);
    batch[3] = { ...span(3), attributes: { bad: (() => 'x') as unknown as string } };
    const error: unknown = await store.putBatch(batch).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'StoreWriteError', quota: false, invalid: [3] });
    expect((error as Error).message).toMatch(
      /^IndexedDB refused to store 5 spans: the transaction was aborted \(DataCloneError/,
    );
    expect(await store.count()).toBe(0);
  });
});

describe('clear', () => {
  test('removes every span, and the store keeps working', async () => {
    const { store } = await freshStore();
    await store.putBatch(spans(0, 300));
    await store.clear();
    expect(await store.count()).toBe(0);
    expect(await store.unexported(10)).toEqual([]);
    await store.putBatch([span(5)]);
    expect(await all(store)).toEqual([span(5)]);
  });
});

describe('queries', () => {
  const traceA = hex(0xa, 32);
  const traceB = hex(0xb, 32);
  // Inserted out of start order, across two traces and two page views.
  const recorded = [
    span(1, { traceId: traceA, startTime: T0 + 30, pageViewId: 'p1' }),
    span(2, { traceId: traceB, startTime: T0 + 10, pageViewId: 'p1' }),
    span(3, { traceId: traceA, startTime: T0 + 20, pageViewId: 'p2' }),
    span(4, { traceId: traceA, startTime: T0 + 5.25, pageViewId: 'p1' }),
    span(5, { traceId: traceB, startTime: T0 + 40, pageViewId: 'p2' }),
  ] as const;
  const [s1, s2, s3, s4, s5] = recorded;

  test('spansOfTrace returns that trace only, by start time', async () => {
    const { store } = await freshStore();
    await store.putBatch(recorded);
    expect(await store.spansOfTrace(traceA)).toEqual([s4, s3, s1]);
    expect(await store.spansOfTrace(traceB)).toEqual([s2, s5]);
    expect(await store.spansOfTrace(hex(0xc, 32))).toEqual([]);
  });

  test('spansOfPageView returns that page view only, by start time', async () => {
    const { store } = await freshStore();
    await store.putBatch(recorded);
    expect(await store.spansOfPageView('p1')).toEqual([s4, s2, s1]);
    expect(await store.spansOfPageView('p2')).toEqual([s3, s5]);
    expect(await store.spansOfPageView('p3')).toEqual([]);
  });

  test('recent returns the newest first, at most limit', async () => {
    const { store } = await freshStore();
    await store.putBatch(recorded);
    expect(await store.recent(3)).toEqual([s5, s1, s3]);
    expect(await store.recent(100)).toEqual([s5, s1, s3, s2, s4]);
    expect(await store.recent(0)).toEqual([]);
    expect(await store.recent(-1)).toEqual([]);
  });

  test('unexported returns the oldest unexported first; markExported takes them out', async () => {
    const { store } = await freshStore();
    await store.putBatch(recorded);
    expect(await store.unexported(2)).toEqual([s4, s2]);
    expect(await store.unexported(0)).toEqual([]);

    await store.markExported([
      [s4.traceId, s4.spanId],
      [s2.traceId, s2.spanId],
      [traceA, hex(999, 16)], // evicted meanwhile: skipped
    ]);
    expect(await store.unexported(10)).toEqual([s3, s1, s5]);
    expect(await store.get(s4.traceId, s4.spanId)).toEqual({ ...s4, exported: 1 });
    expect(await store.count()).toBe(5);

    await store.markExported([[s5.traceId, s5.spanId]]);
    expect(await store.unexported(10)).toEqual([s3, s1]);
  });

  test('a span written as already exported is never offered for export', async () => {
    const { store } = await freshStore();
    await store.putBatch([span(1, { exported: 1 }), span(2)]);
    expect(await store.unexported(10)).toEqual([span(2)]);
  });

  test('get returns undefined for an unknown key', async () => {
    const { store } = await freshStore();
    expect(await store.get(hex(1, 32), hex(1, 16))).toBeUndefined();
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
      expect(db.name).toBe('trace-capture-test');
      expect(db.version).toBe(1);
      expect([...db.objectStoreNames]).toEqual(['spans']);
      const store = db.transaction('spans').objectStore('spans');
      expect(store.keyPath).toEqual(['traceId', 'spanId']);
      const indexes = Object.fromEntries(
        [...store.indexNames].map((n) => [n, store.index(n).keyPath]),
      );
      expect(indexes).toEqual({
        exported: 'exported',
        exported_startTime: ['exported', 'startTime'],
        pageViewId: 'context.pageViewId',
        startTime: 'startTime',
        traceId: 'traceId',
      });
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
    await expect(store.count()).rejects.toThrow('the span store was closed');
  });
});
