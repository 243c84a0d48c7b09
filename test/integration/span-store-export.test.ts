import { describe, expect, test } from 'vitest';
import { encodedSize, encodeSpan } from '../../src/core/span/span-codec';
import { all, allRows, freshStore, hex, refs, span, spans, T0 } from './span-store-helpers';

const small = { chunkLimits: { spans: 4, bytes: 1e9 } };
const NO_BYTE_LIMIT = Number.POSITIVE_INFINITY;

describe('the next export batch', () => {
  test('is the oldest unexported spans, across chunks written in any order', async () => {
    const { store } = await freshStore(small);
    // Newest first, so chunk order is the reverse of start order.
    const recorded = spans(0, 30).reverse();
    for (let i = 0; i < 30; i += 6) await store.putBatch(recorded.slice(i, i + 6));
    const batch = await store.nextExportBatch({ maxSpans: 10, maxBytes: NO_BYTE_LIMIT });
    expect(batch.spans).toEqual(spans(0, 10));
    expect(batch.refs.map((r) => r.spanId)).toEqual(spans(0, 10).map((s) => s.spanId));
    expect(batch.bytes).toBe(spans(0, 10).reduce((n, s) => n + encodedSize(encodeSpan(s)), 0));
  });

  test('leaves out spans already exported, and ties go by trace and span id', async () => {
    const { store } = await freshStore(small);
    const tied = [3, 1, 2].map((t) => span(t, { traceId: hex(t, 32), startTime: T0 }));
    await store.putBatch([span(0, { exported: 1, startTime: T0 - 1 }), ...tied, span(9)]);
    const batch = await store.nextExportBatch({ maxSpans: 3, maxBytes: NO_BYTE_LIMIT });
    expect(batch.spans.map((s) => s.traceId)).toEqual([hex(1, 32), hex(2, 32), hex(3, 32)]);
  });

  test('is bounded by bytes, but always holds one span', async () => {
    const { store } = await freshStore(small);
    await store.putBatch(spans(0, 10));
    const one = encodedSize(encodeSpan(span(0)));
    const three = await store.nextExportBatch({ maxSpans: 10, maxBytes: one * 3 + one / 2 });
    expect(three.spans).toEqual(spans(0, 3));
    const tiny = await store.nextExportBatch({ maxSpans: 10, maxBytes: 1 });
    expect(tiny.spans).toEqual(spans(0, 1));
    expect(await store.nextExportBatch({ maxSpans: 0, maxBytes: 1e9 })).toMatchObject({
      spans: [],
    });
  });

  test('a span written as already exported is never offered', async () => {
    const { store } = await freshStore();
    await store.putBatch([span(1, { exported: 1 }), span(2)]);
    const batch = await store.nextExportBatch({ maxSpans: 10, maxBytes: NO_BYTE_LIMIT });
    expect(batch.spans).toEqual([span(2)]);
  });
});

describe('marking spans exported', () => {
  test('across chunks marks exactly those, in the counts, the rows and the spans', async () => {
    const { store } = await freshStore(small);
    await store.putBatch(spans(0, 20));
    const batch = await store.nextExportBatch({ maxSpans: 9, maxBytes: NO_BYTE_LIMIT });
    expect(await store.markExported(batch.refs)).toBe(9);
    expect(await store.counts()).toMatchObject({ spans: 20, unexported: 11 });
    expect((await allRows(store)).map((r) => r.exported)).toEqual([
      ...Array<number>(9).fill(1),
      ...Array<number>(11).fill(0),
    ]);
    expect(await store.get(hex(1, 32), hex(1, 16))).toEqual({ ...span(0), exported: 1 });
    const next = await store.nextExportBatch({ maxSpans: 100, maxBytes: NO_BYTE_LIMIT });
    expect(next.spans).toEqual(spans(9, 20));
  });

  test('counts a span once, however often it is marked', async () => {
    const { store } = await freshStore(small);
    await store.putBatch(spans(0, 6));
    const batch = await store.nextExportBatch({ maxSpans: 3, maxBytes: NO_BYTE_LIMIT });
    expect(await store.markExported([...batch.refs, ...batch.refs])).toBe(3);
    expect(await store.markExported(batch.refs)).toBe(0);
    expect(await store.counts()).toMatchObject({ spans: 6, unexported: 3 });
  });

  test('skips a span evicted meanwhile', async () => {
    const { store } = await freshStore(small);
    await store.putBatch(spans(0, 8));
    const batch = await store.nextExportBatch({ maxSpans: 6, maxBytes: NO_BYTE_LIMIT });
    await store.enforceRetention({ maxSpans: 5, maxAgeMs: Number.POSITIVE_INFINITY }, T0);
    expect(await store.markExported(batch.refs)).toBe(3);
    expect(await store.counts()).toMatchObject({ spans: 5, unexported: 2 });
  });

  test('skips a span rewritten since it was read: its new copy is still to be sent', async () => {
    const { store } = await freshStore(small);
    await store.putBatch(spans(0, 4));
    const batch = await store.nextExportBatch({ maxSpans: 4, maxBytes: NO_BYTE_LIMIT });
    const widened = { ...span(2), endTime: span(2).endTime + 100 };
    await store.putBatch([widened]);
    expect(await store.markExported(batch.refs)).toBe(3);
    const next = await store.nextExportBatch({ maxSpans: 4, maxBytes: NO_BYTE_LIMIT });
    expect(next.spans).toEqual([widened]);
  });

  test('by key alone marks whatever is stored under the key', async () => {
    const { store } = await freshStore(small);
    await store.putBatch(spans(0, 10));
    const marked = await store.markExported([
      ...refs([span(7), span(2)]),
      { traceId: hex(1, 32), spanId: hex(999, 16) },
    ]);
    expect(marked).toBe(2);
    expect((await all(store)).filter((s) => s.exported === 1)).toEqual(
      [span(2), span(7)].map((s) => ({ ...s, exported: 1 })),
    );
  });

  test('an exported span rewritten as unexported is offered again', async () => {
    const { store } = await freshStore(small);
    await store.putBatch(spans(0, 3));
    await store.markExported(refs(spans(0, 3)));
    await store.putBatch([span(1)]);
    expect(await store.counts()).toMatchObject({ spans: 3, unexported: 1 });
    expect((await store.nextExportBatch({ maxSpans: 5, maxBytes: 1e9 })).spans).toEqual([span(1)]);
  });
});
