import { describe, expect, test, vi } from 'vitest';
import { StoreWriteError } from '../../src/platform/span-store';
import { all, freshStore, span, spans } from './span-store-helpers';

type Put = (this: IDBObjectStore, value: unknown, key?: IDBValidKey) => IDBRequest<IDBValidKey>;
const realPut = Object.getOwnPropertyDescriptor(IDBObjectStore.prototype, 'put')?.value as Put;

function quotaError(): DOMException {
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
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

describe('a write IndexedDB refuses', () => {
  // What Chromium and Firefox do when the origin is out of quota, two ways: the put itself
  // throws, or the transaction aborts at commit with QuotaExceededError as its error.
  const quotaFailures = {
    'put throws QuotaExceededError': () =>
      failPutAt(120, () => {
        throw quotaError();
      }),
    'the transaction aborts with QuotaExceededError': () => failPutAt(250, abortWithQuota),
    // The puts after the abort throw TransactionInactiveError; the cause is still the quota.
    'the transaction aborts with QuotaExceededError mid-batch': () =>
      failPutAt(100, abortWithQuota),
  };

  test.each(Object.entries(quotaFailures))(
    'when %s: rejects with quota=true, stores nothing, and the retry succeeds',
    async (_, inject) => {
      const { store } = await freshStore();
      const before = spans(1000, 1010);
      await store.putBatch(before);
      // The batch also rewrites a stored span: the rollback must restore the old record.
      const batch = [...spans(0, 249), { ...span(1000), name: 'rewritten' }];

      const spy = inject();
      const error = await rejection(store.putBatch(batch));
      spy.mockRestore();

      expect(error.quota).toBe(true);
      expect(error.invalid).toEqual([]);
      expect(error.message).toBe(
        'IndexedDB refused to store 250 spans: quota exceeded ' +
          '(QuotaExceededError: The quota has been exceeded.). Nothing of the batch was stored.',
      );
      expect(error.cause).toMatchObject({ name: 'QuotaExceededError' });
      expect(await all(store)).toEqual(before);

      await store.putBatch(batch);
      expect(await store.count()).toBe(259);
      expect(await store.get(span(1000).traceId, span(1000).spanId)).toMatchObject({
        name: 'rewritten',
      });
    },
  );

  test('any other abort rejects with quota=false and stores nothing', async () => {
    const { store } = await freshStore();
    failPutAt(3, (s, value) => {
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
    expect(await store.count()).toBe(0);
  });

  test('markExported refused: no span is marked', async () => {
    const { store } = await freshStore();
    await store.putBatch(spans(0, 4));
    failPutAt(2, abortWithQuota);
    const batch = spans(0, 4).map((s) => [s.traceId, s.spanId] as const);
    const error = await rejection(store.markExported(batch));
    vi.restoreAllMocks();
    expect(error.quota).toBe(true);
    expect(error.message).toMatch(/^IndexedDB refused to mark 4 spans exported: quota exceeded/);
    expect(await store.unexported(10)).toEqual(spans(0, 4));
  });
});
