import { IDBFactory } from 'fake-indexeddb';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { CompactRow } from '../../src/core/span/compact-row';
import type { RecordedSpan } from '../../src/core/span/model';
import type { ExportBatch, SpanStore } from '../../src/platform/span-store';
import { all, hex, open, T0 } from './span-store-helpers';
import { StoreModel, type ModelExport } from './span-store-model';

const TRACES = [hex(0xa, 32), hex(0xb, 32), hex(0xc, 32)];
const SPAN_IDS = Array.from({ length: 10 }, (_, i) => hex(i + 1, 16));
const PAGE_VIEWS = ['p1', 'p2'];

/** Few keys and few start times: upserts and ties are common, as are spans across chunks. */
const spanArb: fc.Arbitrary<RecordedSpan> = fc
  .record({
    traceId: fc.constantFrom(...TRACES),
    spanId: fc.constantFrom(...SPAN_IDS),
    start: fc.integer({ min: 0, max: 20 }),
    duration: fc.integer({ min: 0, max: 50 }),
    name: fc.constantFrom('GET /a', 'POST /b/{id}', 'page_view /'),
    exported: fc.constantFrom<0 | 1>(0, 0, 1),
    pageViewId: fc.constantFrom(...PAGE_VIEWS),
    padding: fc.string({ maxLength: 300 }),
    // Values JSON would change: the store must keep them as they are.
    odd: fc.option(fc.constantFrom(Number.NaN, -0, Number.POSITIVE_INFINITY, 1.5), {
      nil: undefined,
    }),
  })
  .map((r) => ({
    traceId: r.traceId,
    spanId: r.spanId,
    name: r.name,
    kind: 3,
    startTime: T0 + r.start,
    endTime: T0 + r.start + r.duration,
    attributes: {
      'http.request.method': 'GET',
      'url.full': `https://api.example.com/${r.padding.length}`,
      padding: r.padding,
      ...(r.odd === undefined ? {} : { odd: r.odd }),
    },
    events: [{ name: 'fetchStart', time: T0 + r.start }],
    status: { code: 0 },
    context: { tabId: 7, pageViewId: r.pageViewId, pageUrl: 'https://app.example.com/' },
    exported: r.exported,
  }));

type Op =
  | { readonly kind: 'put'; readonly spans: RecordedSpan[] }
  | { readonly kind: 'export'; readonly maxSpans: number; readonly maxBytes: number }
  | { readonly kind: 'export-then-put'; readonly maxSpans: number; readonly spans: RecordedSpan[] }
  | {
      readonly kind: 'retain';
      readonly maxSpans: number;
      readonly maxAgeMs: number;
      readonly now: number;
    }
  | { readonly kind: 'clear' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('put'),
      spans: fc.array(spanArb, { minLength: 1, maxLength: 12 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('export'),
      maxSpans: fc.integer({ min: 0, max: 8 }),
      maxBytes: fc.integer({ min: 1, max: 3000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('export-then-put'),
      maxSpans: fc.integer({ min: 1, max: 8 }),
      spans: fc.array(spanArb, { minLength: 1, maxLength: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('retain'),
      maxSpans: fc.integer({ min: 0, max: 25 }),
      maxAgeMs: fc.constantFrom(Number.POSITIVE_INFINITY, 5, 10, 15),
      now: fc.constant(T0 + 20),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
);

const key = (s: { traceId: string; spanId: string }) => `${s.traceId}/${s.spanId}`;

async function pagesOf(store: SpanStore, size: number): Promise<CompactRow[]> {
  const rows: CompactRow[] = [];
  for (;;) {
    const page = await store.newestRows(size, rows.at(-1));
    rows.push(...page);
    if (page.length < size) return rows;
  }
}

function expectSameExport(batch: ExportBatch, expected: ModelExport): void {
  expect(batch.spans).toEqual(expected.spans);
  expect(batch.refs.map(key)).toEqual(expected.spans.map(key));
}

async function agree(store: SpanStore, model: StoreModel, pageSize: number): Promise<void> {
  expect(await store.counts()).toMatchObject(model.counts());
  expect(await all(store)).toEqual(model.spans());
  expect(await pagesOf(store, pageSize)).toEqual(model.rowsNewestFirst());
  for (const traceId of TRACES) {
    expect(await store.spansOfTrace(traceId)).toEqual(model.spansOfTrace(traceId));
  }
  for (const pageViewId of PAGE_VIEWS) {
    expect(await store.spansOfPageView(pageViewId)).toEqual(model.spansOfPageView(pageViewId));
  }
  const [traceId = '', spanId = ''] = [TRACES[0], SPAN_IDS[0]];
  expect(await store.get(traceId, spanId)).toEqual(model.get(traceId, spanId));
}

async function apply(store: SpanStore, model: StoreModel, op: Op): Promise<void> {
  switch (op.kind) {
    case 'put': {
      const stored = await store.putBatch(op.spans);
      expect({ added: stored.added, replaced: stored.replaced }).toEqual(model.put(op.spans));
      return;
    }
    case 'export': {
      const limits = { maxSpans: op.maxSpans, maxBytes: op.maxBytes };
      const batch = await store.nextExportBatch(limits);
      const expected = model.nextExport(limits);
      expectSameExport(batch, expected);
      expect(await store.markExported(batch.refs)).toBe(model.markExported(expected));
      // Marking again counts nothing twice.
      expect(await store.markExported(batch.refs)).toBe(0);
      return;
    }
    case 'export-then-put': {
      const limits = { maxSpans: op.maxSpans, maxBytes: Number.POSITIVE_INFINITY };
      const batch = await store.nextExportBatch(limits);
      const expected = model.nextExport(limits);
      expectSameExport(batch, expected);
      await store.putBatch(op.spans);
      model.put(op.spans);
      expect(await store.markExported(batch.refs)).toBe(model.markExported(expected));
      return;
    }
    case 'retain': {
      const limits = { maxSpans: op.maxSpans, maxAgeMs: op.maxAgeMs };
      expect(await store.enforceRetention(limits, op.now)).toBe(
        model.enforceRetention(limits, op.now),
      );
      return;
    }
    case 'clear':
      expect(await store.clear()).toBe(model.clear());
  }
}

describe('the store against a plain map', () => {
  test('any sequence of writes, upserts, exports, retention and clears agrees', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 1, maxLength: 10 }),
        fc.record({
          spans: fc.integer({ min: 1, max: 5 }),
          bytes: fc.integer({ min: 200, max: 2000 }),
        }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        async (ops, chunkLimits, evictionBatch, pageSize) => {
          run += 1;
          const store = await open({
            factory: new IDBFactory(),
            name: `model-${String(run)}`,
            chunkLimits,
            evictionBatch,
          });
          const model = new StoreModel();
          for (const op of ops) {
            await apply(store, model, op);
            await agree(store, model, pageSize);
          }
        },
      ),
      { numRuns: 120 },
    );
    // Generous: each run opens a fresh database; a loaded machine may take several seconds.
  }, 60_000);
});
