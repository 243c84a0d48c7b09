import { describe, expect, test } from 'vitest';
import { DEFAULT_RETENTION, EVICTION_BATCH } from '../../src/platform/span-store';
import {
  all,
  count,
  freshStore,
  rawChunks,
  hex,
  keys,
  readwriteTransactions,
  span,
  spans,
  T0,
} from './span-store-helpers';

const HOUR = 3600 * 1000;
const NO_AGE_LIMIT = Number.POSITIVE_INFINITY;

describe('retention by count', () => {
  test('evicts exactly the oldest beyond maxSpans, one transaction per batch', async () => {
    const { store } = await freshStore({ evictionBatch: 400 });
    // Written newest first, so insertion order cannot stand in for start time.
    const recorded = spans(0, 2500).reverse();
    for (let i = 0; i < recorded.length; i += 500) await store.putBatch(recorded.slice(i, i + 500));

    let evicted = -1;
    const transactions = await readwriteTransactions(async () => {
      evicted = await store.enforceRetention({ maxSpans: 1000, maxAgeMs: NO_AGE_LIMIT }, T0);
    });
    expect(evicted).toBe(1500);
    expect(transactions).toBe(4); // 400 + 400 + 400 + 300
    expect(await all(store)).toEqual(spans(1500, 2500));
  });

  test('250k → 100k at 1/100 scale: 150 batches, exactly the newest kept', async () => {
    const scale = 100;
    const { store } = await freshStore({ evictionBatch: EVICTION_BATCH / scale });
    for (let i = 0; i < 250_000 / scale; i += 500) await store.putBatch(spans(i, i + 500));

    let evicted = -1;
    const limits = { maxSpans: DEFAULT_RETENTION.maxSpans / scale, maxAgeMs: NO_AGE_LIMIT };
    const transactions = await readwriteTransactions(async () => {
      evicted = await store.enforceRetention(limits, T0);
    });
    expect(evicted).toBe(1500);
    expect(transactions).toBe(150);
    expect(await all(store)).toEqual(spans(1500, 2500));
  });

  test('a full last batch ends without an empty extra transaction', async () => {
    const { store } = await freshStore({ evictionBatch: 10 });
    await store.putBatch(spans(0, 50));
    const transactions = await readwriteTransactions(async () => {
      expect(await store.enforceRetention({ maxSpans: 30, maxAgeMs: NO_AGE_LIMIT }, T0)).toBe(20);
    });
    expect(transactions).toBe(2);
    expect(await all(store)).toEqual(spans(20, 50));
  });

  test('spans starting at the same time go in key order', async () => {
    const { store } = await freshStore();
    const same = [3, 1, 4, 0, 2].map((n) => span(n, { startTime: T0 }));
    await store.putBatch(same);
    expect(await store.enforceRetention({ maxSpans: 3, maxAgeMs: NO_AGE_LIMIT }, T0)).toBe(2);
    expect(keys(await all(store))).toEqual(keys([2, 3, 4].map((n) => span(n))));
  });

  test('under the limit, nothing is evicted', async () => {
    const { store } = await freshStore();
    await store.putBatch(spans(0, 100));
    expect(await store.enforceRetention(DEFAULT_RETENTION, T0 + 1000)).toBe(0);
    expect(await count(store)).toBe(100);
  });

  test('maxSpans 0 empties the store', async () => {
    const { store } = await freshStore({ evictionBatch: 7 });
    await store.putBatch(spans(0, 30));
    expect(await store.enforceRetention({ maxSpans: 0, maxAgeMs: NO_AGE_LIMIT }, T0)).toBe(30);
    expect(await count(store)).toBe(0);
  });
});

describe('retention that cuts through a chunk', () => {
  test('by count keeps the newer spans of the chunk it cuts, and their export state', async () => {
    const { store, factory, name } = await freshStore({ chunkLimits: { spans: 10, bytes: 1e9 } });
    await store.putBatch(spans(0, 30));
    await store.markExported(spans(12, 17).map((s) => ({ traceId: s.traceId, spanId: s.spanId })));
    expect(await store.enforceRetention({ maxSpans: 15, maxAgeMs: NO_AGE_LIMIT }, T0)).toBe(15);
    expect(await all(store)).toEqual(
      spans(15, 30).map((s, i) => (i < 2 ? { ...s, exported: 1 } : s)),
    );
    expect(await store.counts()).toMatchObject({ spans: 15, unexported: 13 });
    expect((await rawChunks(factory, name)).map((c) => c.keys.length)).toEqual([5, 10]);
  });

  test('by age drops exactly the old spans of a chunk whose spans straddle the cutoff', async () => {
    const { store } = await freshStore({ chunkLimits: { spans: 10, bytes: 1e9 } });
    await store.putBatch(spans(0, 10).reverse());
    expect(await store.enforceRetention({ maxSpans: 1000, maxAgeMs: 4 }, T0 + 10)).toBe(6);
    expect(await all(store)).toEqual(spans(6, 10));
    expect((await store.newestRows(10)).map((r) => r.startTime)).toEqual(
      [9, 8, 7, 6].map((n) => T0 + n),
    );
  });

  test('in batches smaller than a chunk, each batch one transaction', async () => {
    const { store } = await freshStore({ evictionBatch: 3, chunkLimits: { spans: 8, bytes: 1e9 } });
    await store.putBatch(spans(0, 16));
    const transactions = await readwriteTransactions(async () => {
      expect(await store.enforceRetention({ maxSpans: 6, maxAgeMs: NO_AGE_LIMIT }, T0)).toBe(10);
    });
    expect(transactions).toBe(4);
    expect(await all(store)).toEqual(spans(10, 16));
  });

  test('a span upserted with an early start is evicted in its turn, not with its chunk', async () => {
    const { store } = await freshStore({ chunkLimits: { spans: 4, bytes: 1e9 } });
    await store.putBatch(spans(0, 12));
    // The last chunk now holds one old span and three new ones.
    await store.putBatch([span(11, { startTime: T0 - 5 })]);
    expect(await store.enforceRetention({ maxSpans: 10, maxAgeMs: NO_AGE_LIMIT }, T0)).toBe(2);
    expect((await all(store)).map((s) => s.startTime)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => T0 + n),
    );
  });
});

describe('retention by age', () => {
  test('evicts exactly the spans that started before now - maxAgeMs', async () => {
    const { store } = await freshStore({ evictionBatch: 3 });
    const now = T0 + 10 * HOUR;
    const at = (n: number, hoursAgo: number) => span(n, { startTime: now - hoursAgo * HOUR });
    const old = [at(0, 9), at(1, 8), at(2, 7.5), at(3, 6.0001), at(4, 48), at(5, 100)];
    const young = [at(6, 6), at(7, 5.9999), at(8, 1), at(9, 0)];
    await store.putBatch([...young, ...old]);

    const transactions = await readwriteTransactions(async () => {
      const limits = { maxSpans: DEFAULT_RETENTION.maxSpans, maxAgeMs: 6 * HOUR };
      expect(await store.enforceRetention(limits, now)).toBe(6);
    });
    expect(transactions).toBe(2);
    expect(keys(await all(store))).toEqual(keys(young));
  });

  test('the default keeps 7 days', async () => {
    const { store } = await freshStore();
    const now = T0 + 30 * 24 * HOUR;
    const week = 7 * 24 * HOUR;
    const kept = span(1, { startTime: now - week });
    await store.putBatch([span(0, { startTime: now - week - 0.5 }), kept]);
    expect(await store.enforceRetention(DEFAULT_RETENTION, now)).toBe(1);
    expect(await all(store)).toEqual([kept]);
  });

  test('age and count together: the old ones, then the oldest of the rest', async () => {
    const { store } = await freshStore({ evictionBatch: 4 });
    await store.putBatch(spans(0, 20)); // start at T0 + 0 … T0 + 19
    // 5 are too old (before T0 + 5); of the 15 left, the 5 oldest go to keep 10.
    expect(await store.enforceRetention({ maxSpans: 10, maxAgeMs: 15 }, T0 + 20)).toBe(10);
    expect(await all(store)).toEqual(spans(10, 20));
  });

  test('evicts unexported spans as well as exported ones', async () => {
    const { store } = await freshStore();
    await store.putBatch([span(0, { exported: 1 }), span(1), span(2)]);
    expect(await store.enforceRetention({ maxSpans: 1, maxAgeMs: NO_AGE_LIMIT }, T0)).toBe(2);
    expect(await all(store)).toEqual([span(2)]);
    expect((await store.nextExportBatch({ maxSpans: 10, maxBytes: 1e9 })).spans).toEqual([span(2)]);
    expect(await store.counts()).toMatchObject({ spans: 1, unexported: 1 });
  });

  test('counts the unexported spans it evicts, so the loss is reported, until a clear', async () => {
    const { store } = await freshStore();
    await store.putBatch([span(0, { exported: 1 }), span(1), span(2), span(3)]);
    await store.enforceRetention({ maxSpans: 2, maxAgeMs: NO_AGE_LIMIT }, T0);
    expect(await store.counts()).toEqual({ spans: 2, unexported: 2, evictedUnexported: 1 });
    await store.enforceRetention({ maxSpans: 1, maxAgeMs: NO_AGE_LIMIT }, T0);
    expect((await store.counts()).evictedUnexported).toBe(2);
    await store.clear();
    expect((await store.counts()).evictedUnexported).toBe(0);
  });
});

describe('limits', () => {
  test.each([
    { maxSpans: Number.NaN, maxAgeMs: 1 },
    { maxSpans: -1, maxAgeMs: 1 },
    { maxSpans: 1, maxAgeMs: Number.NaN },
    { maxSpans: 1, maxAgeMs: -5 },
  ])('%o is refused before anything is evicted', async (limits) => {
    const { store } = await freshStore();
    await store.putBatch(spans(0, 5));
    await expect(store.enforceRetention(limits, T0)).rejects.toThrow(RangeError);
    expect(await count(store)).toBe(5);
  });

  test('an eviction batch below 1 is refused at open', async () => {
    await expect(freshStore({ evictionBatch: 0 })).rejects.toThrow(RangeError);
  });

  test('trace ids play no part in eviction order', async () => {
    const { store } = await freshStore();
    const older = span(0, { traceId: hex(0xff, 32), startTime: T0 });
    const newer = span(1, { traceId: hex(0x01, 32), startTime: T0 + 1 });
    await store.putBatch([older, newer]);
    expect(await store.enforceRetention({ maxSpans: 1, maxAgeMs: NO_AGE_LIMIT }, T0)).toBe(1);
    expect(await all(store)).toEqual([newer]);
  });
});
