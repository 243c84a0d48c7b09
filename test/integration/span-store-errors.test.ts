import { describe, expect, test, vi } from 'vitest';
import type { RecordedSpan } from '../../src/core/span/model';
import { StoreWriteError, type SpanStore } from '../../src/platform/span-store';
import { all, count, freshStore, refs, span, spans, T0 } from './span-store-helpers';

type Put = (this: IDBObjectStore, value: unknown, key?: IDBValidKey) => IDBRequest<IDBValidKey>;
const realPut = Object.getOwnPropertyDescriptor(IDBObjectStore.prototype, 'put')?.value as Put;

function quotaError(): DOMException {
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
}

/** How many puts `run` makes. */
async function putsIn(run: () => Promise<unknown>): Promise<number> {
  const spy = vi.spyOn(IDBObjectStore.prototype, 'put');
  try {
    await run();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

/** Lets `put` work until call `failAt`, where `fail` decides what goes wrong. */
function failPutAt(
  failAt: number,
  fail: (store: IDBObjectStore, value: unknown) => IDBRequest<IDBValidKey>,
) {
  let calls = 0;
  return vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
    this: IDBObjectStore,
    value: unknown,
    key?: IDBValidKey,
  ) {
    calls += 1;
    if (calls === failAt) return fail(this, value);
    return realPut.call(this, value, key);
  });
}

/** Stores the value, then aborts the way a commit over quota does: `error` is the cause. */
function abortWithQuota(store: IDBObjectStore, value: unknown): IDBRequest<IDBValidKey> {
  const request = realPut.call(store, value);
  Object.defineProperty(store.transaction, 'error', { value: quotaError() });
  store.transaction.abort();
  return request;
}

async function rejection(promise: Promise<unknown>): Promise<StoreWriteError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof StoreWriteError))
    throw new Error(`expected a StoreWriteError, got ${String(error)}`);
  return error;
}

/** A store holding a full chunk and an open one, and a batch that rewrites a span of each. */
async function setUp(): Promise<{
  store: SpanStore;
  before: RecordedSpan[];
  batch: RecordedSpan[];
}> {
  const { store } = await freshStore();
  const before = spans(1000, 1070);
  await store.putBatch(before);
  const batch = [
    ...spans(0, 249),
    { ...span(1000), name: 'rewritten, full chunk' },
    { ...span(1069), name: 'rewritten, open chunk' },
  ];
  return { store, before, batch };
}

describe('a write IndexedDB refuses', () => {
  // What Chromium and Firefox do when the origin is out of quota, two ways: the put itself
  // throws, or the transaction aborts with QuotaExceededError as its error (as at commit).
  const failures = {
    'a put throws QuotaExceededError': () => {
      throw quotaError();
    },
    'the transaction aborts with QuotaExceededError': abortWithQuota,
  };
  const where = {
    first: () => 1,
    middle: (n: number) => Math.ceil(n / 2),
    last: (n: number) => n,
  };
  const cases = Object.entries(failures).flatMap(([how, fail]) =>
    Object.entries(where).map(([at, pick]) => [how, at, fail, pick] as const),
  );

  test.each(cases)(
    'when %s at the %s put: rejects with quota=true, stores nothing, and the retry succeeds',
    async (_, __, fail, pick) => {
      const dry = await setUp();
      const puts = await putsIn(() => dry.store.putBatch(dry.batch));
      const { store, before, batch } = await setUp();

      const spy = failPutAt(pick(puts), fail);
      const error = await rejection(store.putBatch(batch));
      spy.mockRestore();

      expect(error.quota).toBe(true);
      expect(error.invalid).toEqual([]);
      expect(error.message).toBe(
        'IndexedDB refused to store 251 spans: quota exceeded ' +
          '(QuotaExceededError: The quota has been exceeded.). Nothing of the batch was stored.',
      );
      expect(error.cause).toMatchObject({ name: 'QuotaExceededError' });
      expect(await all(store)).toEqual(before);
      expect(await store.counts()).toMatchObject({ spans: 70, unexported: 70 });

      expect(await store.putBatch(batch)).toMatchObject({ added: 249, replaced: 2 });
      expect(await count(store)).toBe(319);
      expect(await store.get(span(1000).traceId, span(1000).spanId)).toMatchObject({
        name: 'rewritten, full chunk',
      });
      expect(await store.get(span(1069).traceId, span(1069).spanId)).toMatchObject({
        name: 'rewritten, open chunk',
      });
    },
  );

  test('any other abort rejects with quota=false and stores nothing', async () => {
    const { store } = await freshStore();
    failPutAt(2, (s, value) => {
      const request = realPut.call(s, value);
      s.transaction.abort();
      return request;
    });
    const error = await rejection(store.putBatch(spans(0, 5)));
    vi.restoreAllMocks();
    expect(error.quota).toBe(false);
    expect(error.message).toMatch(
      /^IndexedDB refused to store 5 spans: the transaction was aborted \(AbortError/,
    );
    expect(await count(store)).toBe(0);
  });

  test('markExported refused: no span is marked', async () => {
    const { store } = await freshStore({ chunkLimits: { spans: 2, bytes: 1e9 } });
    await store.putBatch(spans(0, 4));
    failPutAt(2, abortWithQuota);
    const error = await rejection(store.markExported(refs(spans(0, 4))));
    vi.restoreAllMocks();
    expect(error.quota).toBe(true);
    expect(error.message).toMatch(/^IndexedDB refused to mark 4 spans exported: quota exceeded/);
    expect(await store.counts()).toMatchObject({ spans: 4, unexported: 4 });
    expect((await store.nextExportBatch({ maxSpans: 10, maxBytes: 1e9 })).spans).toEqual(
      spans(0, 4),
    );
  });

  test('retention refused halfway: earlier batches stay evicted, the next run finishes', async () => {
    const { store } = await freshStore({ evictionBatch: 5, chunkLimits: { spans: 5, bytes: 1e9 } });
    await store.putBatch(spans(0, 30));
    // Each batch empties one chunk and writes meta: the second batch's meta put fails.
    failPutAt(2, abortWithQuota);
    const limits = { maxSpans: 10, maxAgeMs: Number.POSITIVE_INFINITY };
    const error = await rejection(store.enforceRetention(limits, T0));
    vi.restoreAllMocks();
    expect(error.message).toMatch(
      /^IndexedDB refused to evict old spans: quota exceeded .*Earlier batches stay evicted; this one was not\.$/,
    );
    expect(await all(store)).toEqual(spans(5, 30));
    expect(await store.enforceRetention(limits, T0)).toBe(15);
    expect(await all(store)).toEqual(spans(20, 30));
  });

  test('clear refused: nothing is removed', async () => {
    const { store } = await freshStore();
    await store.putBatch(spans(0, 10));
    failPutAt(1, abortWithQuota);
    const error = await rejection(store.clear());
    vi.restoreAllMocks();
    expect(error.message).toMatch(/^IndexedDB refused to clear the spans: quota exceeded/);
    expect(await all(store)).toEqual(spans(0, 10));
  });
});
