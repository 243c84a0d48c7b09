// The store's pure parts: how a span is encoded in a chunk, and its compact row and columns.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { harEntryToSpan, pageViewSpan } from '../../src/core/span';
import { compactRow, compareRows, originOf } from '../../src/core/span/compact-row';
import type { RecordedSpan } from '../../src/core/span/model';
import { blockRows, MAX_BLOCK_ROWS, rowAt, toRowBlock } from '../../src/core/span/row-block';
import {
  decodeSpan,
  encodedSize,
  encodeSpan,
  isJsonExact,
  unstorableBecause,
} from '../../src/core/span/span-codec';
import { harEntry, mapContext, PAGE_VIEW, traceparent } from '../unit/span/har-entries';
import { span } from './span-store-helpers';

/** `[1, <hole>, 3]`: JSON would turn the hole into null. */
function sparse(): number[] {
  const holes = new Array<number>(3);
  holes[0] = 1;
  holes[2] = 3;
  return holes;
}

describe('a span in a chunk', () => {
  test('is its JSON text when JSON gives it back exactly', () => {
    const encoded = encodeSpan(span(1));
    expect(typeof encoded).toBe('string');
    expect(decodeSpan(encoded, 0)).toEqual(span(1));
    expect(encodedSize(encoded)).toBe((encoded as string).length);
  });

  test.each([
    ['NaN', Number.NaN],
    ['-0', -0],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['undefined', undefined],
    ['a Date', new Date(0)],
    ['a sparse array', sparse()],
    ['a typed array', new Uint8Array(2)],
  ])('stays an object when it holds %s, and comes back the same', (_, value) => {
    const odd = { ...span(1), attributes: { odd: value } } as unknown as RecordedSpan;
    const encoded = encodeSpan(odd);
    expect(encoded).toBe(odd);
    expect(Object.is(decodeSpan(encoded, 0).attributes['odd'], value)).toBe(true);
  });

  test('round-trips any JSON-like value exactly, whichever way it is kept', () => {
    const value = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom(Number.NaN, -0, Number.NEGATIVE_INFINITY, undefined),
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), value, { noNullPrototype: true }),
        fc.string(),
        (attributes, name) => {
          const input = { ...span(1), name, attributes } as unknown as RecordedSpan;
          const encoded = encodeSpan(input);
          const copy = typeof encoded === 'string' ? encoded : structuredClone(encoded);
          expect(decodeSpan(copy, 0)).toStrictEqual(input);
          expect(typeof encoded === 'string').toBe(isJsonExact(input, 0));
        },
      ),
    );
  });

  test('takes its export state from beside it, not from inside', () => {
    const encoded = encodeSpan(span(1));
    expect(decodeSpan(encoded, 1)).toEqual({ ...span(1), exported: 1 });
    expect(decodeSpan(encodeSpan(span(1, { exported: 1 })), 0).exported).toBe(0);
  });

  test.each([
    [null, 'is not an object'],
    [{ ...span(1), traceId: 5 }, 'has no traceId'],
    [{ ...span(1), spanId: '' }, 'has no spanId'],
    [{ ...span(1), startTime: Number.POSITIVE_INFINITY }, 'has no finite startTime'],
    [{ ...span(1), exported: true }, 'has an exported flag other than 0 or 1'],
    [{ ...span(1), context: null }, 'has no context'],
    [{ ...span(1), context: { tabId: 1, pageUrl: '' } }, 'has no page view id'],
    [span(1), null],
  ])('%o: %s', (value, why) => {
    expect(unstorableBecause(value)).toBe(why);
  });
});

describe('the compact row', () => {
  test('of a recorded request', () => {
    const result = harEntryToSpan(
      harEntry({
        url: 'https://user:pw@api.example.com:8443/users/42?x=1',
        method: 'POST',
        status: 503,
        headers: [traceparent('0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203331', '01')],
      }),
      mapContext(),
    );
    if (result.kind !== 'span') throw new Error(`not a span: ${result.kind}`);
    const recorded = result.span;
    expect(compactRow(recorded)).toEqual({
      traceId: recorded.traceId,
      spanId: recorded.spanId,
      parentSpanId: recorded.parentSpanId ?? '',
      name: 'POST /users/{id}',
      kind: 3,
      method: 'POST',
      statusCode: 503,
      status: 2,
      origin: 'https://api.example.com:8443',
      startTime: recorded.startTime,
      duration: recorded.endTime - recorded.startTime,
      contextSource: 'page',
      tabId: 7,
      pageViewId: 'pv-1',
      exported: 0,
      url: 'https://REDACTED:REDACTED@api.example.com:8443/users/42?x=1',
      serverAddress: 'api.example.com',
      resourceType: 'fetch',
      pageOrigin: 'https://app.example.com',
    });
  });

  test('of a page-view span', () => {
    const view = pageViewSpan(PAGE_VIEW, PAGE_VIEW.url, [], {
      tabId: 3,
      pageViewId: PAGE_VIEW.spanId,
      sensitiveParams: [],
    });
    expect(compactRow(view)).toMatchObject({
      kind: 1,
      method: '',
      statusCode: 0,
      origin: 'https://app.example.com',
      contextSource: '',
      parentSpanId: '',
      pageViewId: PAGE_VIEW.spanId,
    });
  });

  test('of a span with odd fields blanks them instead of failing', () => {
    const odd = {
      ...span(1),
      name: 7,
      kind: 3.5,
      endTime: Number.NaN,
      status: null,
      attributes: { 'http.response.status_code': 99999, 'url.full': 42 },
      context: { pageViewId: 'p', tabId: 'seven' },
    } as unknown as RecordedSpan;
    expect(compactRow(odd)).toMatchObject({
      name: '',
      kind: 0,
      duration: 0,
      status: 0,
      statusCode: 0,
      origin: '',
      tabId: -1,
    });
  });

  test.each([
    ['https://api.example.com/x', 'https://api.example.com'],
    ['HTTP://Host:80/a?b#c', 'http://Host:80'],
    ['https://REDACTED:REDACTED@h.example/', 'https://h.example'],
    ['/relative', ''],
    ['mailto:x@example.com', ''],
  ])('origin of %s is %s', (url, origin) => {
    expect(originOf(url)).toBe(origin);
  });

  test('orders by start time, then trace id, then span id', () => {
    const a = { startTime: 1, traceId: 'b', spanId: 'a' };
    expect(compareRows(a, { ...a, startTime: 2 })).toBeLessThan(0);
    expect(compareRows(a, { ...a, traceId: 'a' })).toBeGreaterThan(0);
    expect(compareRows(a, { ...a, spanId: 'b' })).toBeLessThan(0);
    expect(compareRows(a, { ...a })).toBe(0);
  });
});

describe('a block of rows', () => {
  test('gives back every row it was built from', () => {
    const rows = Array.from({ length: 50 }, (_, n) =>
      compactRow(span(n, { pageViewId: `p${String(n % 3)}`, exported: n % 2 === 0 ? 1 : 0 })),
    );
    const block = toRowBlock(rows);
    expect(block.count).toBe(50);
    expect(blockRows(block)).toEqual(rows);
    expect(rowAt(block, 7)).toEqual(rows[7]);
    // Repeated text is stored once.
    expect(block.strings.length).toBeLessThan(10);
  });

  test('refuses more rows than its string indexes can address', () => {
    const row = compactRow(span(1));
    expect(() => toRowBlock(Array<typeof row>(MAX_BLOCK_ROWS + 1).fill(row))).toThrow(RangeError);
  });
});
