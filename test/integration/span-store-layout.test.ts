import { describe, expect, test } from 'vitest';
import { mergePageViewSpan } from '../../src/core/span';
import type { RecordedSpan } from '../../src/core/span/model';
import { encodeSpan } from '../../src/core/span/span-codec';
import { DEFAULT_CHUNK_LIMITS } from '../../src/platform/span-store';
import {
  all,
  count,
  freshStore,
  hex,
  keys,
  rawChunks,
  span,
  spans,
  T0,
} from './span-store-helpers';

const keyOf = (s: RecordedSpan) => `${s.traceId}/${s.spanId}`;

describe('chunks', () => {
  test('hold at most the span limit, filled in write order', async () => {
    const { store, factory, name } = await freshStore({ chunkLimits: { spans: 64, bytes: 1e9 } });
    await store.putBatch(spans(0, 500));
    const chunks = await rawChunks(factory, name);
    expect(chunks.map((c) => c.keys.length)).toEqual([64, 64, 64, 64, 64, 64, 64, 52]);
    expect(chunks.flatMap((c) => c.keys)).toEqual(spans(0, 500).map(keyOf));
  });

  test('hold at most the byte limit of span text, but always one span', async () => {
    const big = (n: number) => span(n, { attributes: { pad: 'x'.repeat(3000) } });
    const size = (encodeSpan(big(0)) as string).length;
    const { store, factory, name } = await freshStore({
      chunkLimits: { spans: 64, bytes: size * 3 + 1 },
    });
    const huge = span(99, { attributes: { pad: 'y'.repeat(size * 5) } });
    await store.putBatch([big(0), big(1), big(2), big(3), huge, big(4)]);
    const chunks = await rawChunks(factory, name);
    expect(chunks.map((c) => c.keys.length)).toEqual([3, 1, 1, 1]);
    expect(chunks.every((c) => c.textBytes <= size * 3 + 1 || c.keys.length === 1)).toBe(true);
  });

  test('the default limits keep a chunk record under 64 KiB', () => {
    expect(DEFAULT_CHUNK_LIMITS.bytes + DEFAULT_CHUNK_LIMITS.spans * 64).toBeLessThan(64 * 1024);
  });

  test('small batches fill the open chunk instead of making one chunk each', async () => {
    const { store, factory, name } = await freshStore({ chunkLimits: { spans: 8, bytes: 1e9 } });
    for (let i = 0; i < 20; i += 2) await store.putBatch(spans(i, i + 2));
    const chunks = await rawChunks(factory, name);
    expect(chunks.map((c) => c.keys.length)).toEqual([8, 8, 4]);
    expect(await all(store)).toEqual(spans(0, 20));
  });

  test('list the page views they hold, once each', async () => {
    const { store, factory, name } = await freshStore({ chunkLimits: { spans: 4, bytes: 1e9 } });
    const views = ['p1', 'p1', 'p2', 'p1', 'p3'];
    await store.putBatch(views.map((pageViewId, n) => span(n, { pageViewId })));
    expect((await rawChunks(factory, name)).map((c) => c.pageViews)).toEqual([
      ['p1', 'p2'],
      ['p3'],
    ]);
  });
});

describe('a trace split across chunks', () => {
  test('is found whole, and only it', async () => {
    const { store } = await freshStore({ chunkLimits: { spans: 5, bytes: 1e9 } });
    const trace = hex(0x77, 32);
    // Every third span belongs to the trace, in batches that straddle chunk boundaries.
    const recorded = Array.from({ length: 60 }, (_, n) =>
      n % 3 === 0 ? span(n, { traceId: trace }) : span(n),
    );
    for (let i = 0; i < 60; i += 7) await store.putBatch(recorded.slice(i, i + 7));
    const expected = recorded.filter((s) => s.traceId === trace);
    expect(await store.spansOfTrace(trace)).toEqual(expected);
    expect(await store.get(trace, hex(58, 16))).toEqual(recorded[57]);
  });
});

describe('an upsert', () => {
  test('replaces the stored copy in its own chunk, wherever that is', async () => {
    const { store, factory, name } = await freshStore({ chunkLimits: { spans: 4, bytes: 1e9 } });
    await store.putBatch(spans(0, 10));
    const before = await rawChunks(factory, name);
    const stored = await store.putBatch([
      span(20),
      span(1, { name: 'first chunk' }),
      span(9, { name: 'open chunk' }),
      span(21),
    ]);
    expect(stored).toMatchObject({ added: 2, replaced: 2 });
    const after = await rawChunks(factory, name);
    // Every stored span kept its slot; the new ones filled the open chunk after them.
    expect(after.slice(0, 3).map((c, i) => c.keys.slice(0, before[i]?.keys.length))).toEqual(
      before.map((c) => c.keys),
    );
    expect(after.flatMap((c) => c.keys)).toHaveLength(12);
    expect(await count(store)).toBe(12);
    expect((await store.get(hex(1, 32), hex(2, 16)))?.name).toBe('first chunk');
    expect((await store.get(hex(1, 32), hex(10, 16)))?.name).toBe('open chunk');
  });

  test('of the page-view span, widened batch after batch, keeps one copy at its widest', async () => {
    const { store } = await freshStore({ chunkLimits: { spans: 3, bytes: 1e9 } });
    const view = span(500, { kind: 1, name: 'page_view /', startTime: T0 + 10 });
    let stored: RecordedSpan | undefined;
    for (let batch = 0; batch < 6; batch++) {
      const requests = spans(batch * 4, batch * 4 + 4).map((s) => ({
        ...s,
        startTime: T0 + 10 + batch * 4,
      }));
      const next = { ...view, endTime: T0 + 30 + batch * 10 };
      stored = mergePageViewSpan(stored, next);
      await store.putBatch([...requests, stored]);
      if (batch === 2) await store.markExported([{ traceId: view.traceId, spanId: view.spanId }]);
    }
    const copies = (await all(store)).filter((s) => s.spanId === view.spanId);
    expect(copies).toEqual([{ ...view, endTime: T0 + 80, exported: 0 }]);
    expect(await count(store)).toBe(25);
    expect(keys(await all(store))).toHaveLength(25);
  });
});
