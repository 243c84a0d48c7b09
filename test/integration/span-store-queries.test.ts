import { describe, expect, test } from 'vitest';
import { compactRow, type CompactRow } from '../../src/core/span/compact-row';
import { blockRows, type RowBlock } from '../../src/core/span/row-block';
import type { SpanStore } from '../../src/platform/span-store';
import { allRows, freshStore, hex, span, spans, T0 } from './span-store-helpers';

const traceA = hex(0xa, 32);
const traceB = hex(0xb, 32);
// Inserted out of start order, across two traces and two page views, two spans per chunk.
const recorded = [
  span(1, { traceId: traceA, startTime: T0 + 30, pageViewId: 'p1' }),
  span(2, { traceId: traceB, startTime: T0 + 10, pageViewId: 'p1' }),
  span(3, { traceId: traceA, startTime: T0 + 20, pageViewId: 'p2' }),
  span(4, { traceId: traceA, startTime: T0 + 5.25, pageViewId: 'p1' }),
  span(5, { traceId: traceB, startTime: T0 + 40, pageViewId: 'p2' }),
] as const;
const [s1, s2, s3, s4, s5] = recorded;
const small = { chunkLimits: { spans: 2, bytes: 1e6 } };

async function blocks(store: SpanStore, chunksPerRead?: number): Promise<RowBlock[]> {
  const out: RowBlock[] = [];
  const options = chunksPerRead === undefined ? {} : { chunksPerRead };
  for await (const block of store.rowBlocks(options)) out.push(block);
  return out;
}

describe('an empty store', () => {
  test('answers every query with nothing', async () => {
    const { store } = await freshStore();
    expect(await store.counts()).toMatchObject({ spans: 0, unexported: 0 });
    expect(await store.newestRows(200)).toEqual([]);
    expect(await blocks(store)).toEqual([]);
    const spanBlocks: unknown[] = [];
    for await (const block of store.spanBlocks()) spanBlocks.push(block);
    expect(spanBlocks).toEqual([]);
    expect(await store.spansOfTrace(traceA)).toEqual([]);
    expect(await store.spansOfPageView('p1')).toEqual([]);
    expect(await store.get(traceA, hex(1, 16))).toBeUndefined();
    expect(await store.nextExportBatch({ maxSpans: 1000, maxBytes: 1e6 })).toEqual({
      spans: [],
      refs: [],
      bytes: 0,
    });
    expect(await store.markExported([{ traceId: traceA, spanId: hex(1, 16) }])).toBe(0);
    expect(await store.enforceRetention({ maxSpans: 0, maxAgeMs: 0 }, T0)).toBe(0);
    expect(await store.clear()).toBe(0);
  });
});

describe('full spans', () => {
  test('spansOfTrace returns that trace only, by start time, across chunks', async () => {
    const { store } = await freshStore(small);
    await store.putBatch(recorded);
    expect(await store.spansOfTrace(traceA)).toEqual([s4, s3, s1]);
    expect(await store.spansOfTrace(traceB)).toEqual([s2, s5]);
    expect(await store.spansOfTrace(hex(0xc, 32))).toEqual([]);
  });

  test('a trace id that is a prefix of another is not that trace', async () => {
    const { store } = await freshStore();
    const short = span(9, { traceId: 'abc' });
    await store.putBatch([short, span(10, { traceId: 'abcd' })]);
    expect(await store.spansOfTrace('abc')).toEqual([short]);
  });

  test('spansOfPageView returns that page view only, by start time', async () => {
    const { store } = await freshStore(small);
    await store.putBatch(recorded);
    expect(await store.spansOfPageView('p1')).toEqual([s4, s2, s1]);
    expect(await store.spansOfPageView('p2')).toEqual([s3, s5]);
    expect(await store.spansOfPageView('p3')).toEqual([]);
  });

  test('get returns one span by key, or undefined', async () => {
    const { store } = await freshStore(small);
    await store.putBatch(recorded);
    expect(await store.get(s3.traceId, s3.spanId)).toEqual(s3);
    expect(await store.get(traceB, s3.spanId)).toBeUndefined();
    expect(await store.get(hex(1, 32), hex(1, 16))).toBeUndefined();
  });
});

describe('newest rows', () => {
  const rowsOf = (...list: Parameters<typeof compactRow>[0][]) => list.map(compactRow);

  test('newest first, at most limit, as compact rows', async () => {
    const { store } = await freshStore(small);
    await store.putBatch(recorded);
    expect(await store.newestRows(3)).toEqual(rowsOf(s5, s1, s3));
    expect(await store.newestRows(100)).toEqual(rowsOf(s5, s1, s3, s2, s4));
    expect(await store.newestRows(0)).toEqual([]);
    expect(await store.newestRows(-1)).toEqual([]);
    expect(await store.newestRows(Number.NaN)).toEqual([]);
  });

  test('pages before a row neither skip nor repeat rows that start at the same time', async () => {
    const { store } = await freshStore({ chunkLimits: { spans: 3, bytes: 1e6 } });
    // 20 spans over 4 start times, across 7 chunks, written in no particular order.
    const same = Array.from({ length: 20 }, (_, n) =>
      span(n, { startTime: T0 + (n % 4), traceId: hex(n % 3, 32) }),
    );
    await store.putBatch([...same].reverse());
    const expected = same.map(compactRow).sort((a, b) => compareDesc(a, b));
    for (const size of [1, 3, 7, 20, 21]) {
      const pages: CompactRow[][] = [];
      for (;;) {
        const page = await store.newestRows(size, pages.at(-1)?.at(-1));
        pages.push(page);
        if (page.length < size) break;
      }
      expect(pages.flat()).toEqual(expected);
      expect(pages.slice(0, -1).every((p) => p.length === size)).toBe(true);
    }
  });

  test('before a position that is not a row: everything older than it', async () => {
    const { store } = await freshStore(small);
    await store.putBatch(recorded);
    expect(await store.newestRows(10, { startTime: T0 + 20, traceId: traceA, spanId: '' })).toEqual(
      rowsOf(s2, s4),
    );
    expect(await store.newestRows(10, { startTime: T0, traceId: '', spanId: '' })).toEqual([]);
    expect(await store.newestRows(1, { startTime: T0 + 1000, traceId: '', spanId: '' })).toEqual(
      rowsOf(s5),
    );
  });

  test('a chunk holding an early and a late span does not hide the spans between', async () => {
    const { store } = await freshStore({ chunkLimits: { spans: 2, bytes: 1e6 } });
    await store.putBatch([span(0, { startTime: T0 }), span(1, { startTime: T0 + 100 })]);
    await store.putBatch(spans(10, 16));
    expect((await store.newestRows(3)).map((r) => r.startTime)).toEqual([
      T0 + 100,
      T0 + 15,
      T0 + 14,
    ]);
    expect(
      (await store.newestRows(2, { startTime: T0 + 11, traceId: '', spanId: '' })).map(
        (r) => r.startTime,
      ),
    ).toEqual([T0 + 10, T0]);
  });
});

describe('all rows', () => {
  test('stream as one block per chunk, every row once, however many chunks a read takes', async () => {
    const { store } = await freshStore({ chunkLimits: { spans: 7, bytes: 1e6 } });
    await store.putBatch(spans(0, 100));
    for (const perRead of [1, 2, 15, 100]) {
      const read = await blocks(store, perRead);
      expect(read.map((b) => b.count)).toEqual([...Array<number>(14).fill(7), 2]);
      expect(read.flatMap(blockRows)).toEqual(spans(0, 100).map(compactRow));
    }
    expect(await allRows(store)).toEqual(spans(0, 100).map(compactRow));
  });

  test('stop when the signal aborts', async () => {
    const { store } = await freshStore({ chunkLimits: { spans: 10, bytes: 1e6 } });
    await store.putBatch(spans(0, 100));
    const stop = new AbortController();
    const seen: number[] = [];
    const reading = (async () => {
      for await (const block of store.rowBlocks({ signal: stop.signal, chunksPerRead: 3 })) {
        seen.push(block.count);
        if (seen.length === 4) stop.abort();
      }
    })();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([10, 10, 10, 10]);
  });

  test('carry the export state and what each span projects to', async () => {
    const { store } = await freshStore();
    const exported = span(1, { exported: 1 });
    await store.putBatch([span(0), exported]);
    expect((await allRows(store)).map((r) => r.exported)).toEqual([0, 1]);
  });
});

function compareDesc(a: CompactRow, b: CompactRow): number {
  if (a.startTime !== b.startTime) return b.startTime - a.startTime;
  if (a.traceId !== b.traceId) return a.traceId < b.traceId ? 1 : -1;
  return a.spanId < b.spanId ? 1 : a.spanId > b.spanId ? -1 : 0;
}
