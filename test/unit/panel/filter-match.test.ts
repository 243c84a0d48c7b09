import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  compileFilter,
  filterRows,
  type FilterOptions,
} from '../../../src/devtools/panel/model/filter-match';
import type { PanelRow } from '../../../src/devtools/panel/model/panel-row';
import { row, sid, TRACE_A, TRACE_B } from './builders';

const ROWS: readonly PanelRow[] = [
  row({ spanId: sid(1), name: 'GET /users/{id}', url: 'https://api.example.com/users/42' }),
  row({
    spanId: sid(2),
    name: 'POST /orders',
    method: 'POST',
    statusCode: 503,
    status: 2,
    duration: 250,
    url: 'https://shop.example.org:8443/orders?token=REDACTED',
    origin: 'https://shop.example.org:8443',
    serverAddress: 'shop.example.org',
    exported: 1,
    attributes: { 'server.port': 8443, 'http.request.header.baggage': ['user.id=12345'] },
  }),
  row({
    traceId: TRACE_B,
    spanId: sid(3),
    name: 'GET /missing',
    statusCode: 404,
    status: 2,
    duration: 1.5,
    url: 'http://[2001:db8::1]:8080/missing',
    origin: 'http://[2001:db8::1]:8080',
    serverAddress: '',
  }),
  row({
    spanId: sid(4),
    name: 'page_view /shop',
    kind: 1,
    method: '',
    statusCode: 0,
    url: 'https://app.example.com/shop',
    origin: 'https://app.example.com',
    serverAddress: '',
    duration: 2000,
  }),
];

function ids(text: string, options?: FilterOptions): number[] {
  return filterRows(ROWS, compileFilter(text, options)).map((r) => parseInt(r.spanId, 16));
}

describe('compileFilter: one term', () => {
  test.each([
    ['', [1, 2, 3, 4]],
    ['USERS', [1]],
    ['example', [1, 2, 4]],
    ['token=redacted', [2]],
    ['/^get\\s/', [1, 3]],
    ['/users\\/\\d+$/', [1]],
    ['method:get', [1, 3]],
    ['method:post', [2]],
    ['status:404', [3]],
    ['status:5xx', [2]],
    ['status:4xx', [3]],
    ['status:0', [4]],
    ['domain:*.example.com', [1, 4]],
    ['domain:shop.example.org', [2]],
    ['domain:example.com', []],
    ['domain:2001:db8::1', [3]],
    [`trace:${TRACE_B.slice(0, 6)}`, [3]],
    [`trace:${TRACE_A}`, [1, 2, 4]],
    ['name:orders', [2]],
    ['name:example', []],
    ['url:/users/', [1]],
    ['is:error', [2, 3]],
    ['is:exported', [2]],
    ['is:unexported', [1, 3, 4]],
    ['duration>200', [2, 4]],
    ['duration>=250', [2, 4]],
    ['duration<10', [3]],
    ['duration<=10', [1, 3]],
    ['duration>1s', [4]],
    ['foo:bar', []],
  ])('%s', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });
});

describe('compileFilter: combining', () => {
  test('terms are ANDed, "-" negates one', () => {
    expect(ids('method:get -status:404')).toEqual([1]);
    expect(ids('example -/orders/')).toEqual([1, 4]);
    expect(ids('-is:error -kind')).toEqual([1, 4]);
  });

  test('errors only combines with the text', () => {
    expect(ids('', { errorsOnly: true })).toEqual([2, 3]);
    expect(ids('method:get', { errorsOnly: true })).toEqual([3]);
    expect(ids('-is:error', { errorsOnly: true })).toEqual([]);
  });

  test('an invalid term matches nothing, negated or not', () => {
    for (const text of ['status:abc', '-status:abc', 'users /[/', '-duration>x']) {
      const filter = compileFilter(text);
      expect(filter.valid).toBe(false);
      expect(filterRows(ROWS, filter)).toEqual([]);
    }
  });
});

describe('compileFilter: attr. terms', () => {
  test('read row.attributes when the row carries them', () => {
    expect(ids('attr.server.port:8443')).toEqual([2]);
    expect(ids('attr.server.port:844')).toEqual([]);
    expect(ids('attr.http.request.header.baggage:USER.ID')).toEqual([2]);
    expect(ids('attr.http.request.header.baggage:*')).toEqual([2]);
    expect(ids('-attr.server.port:*')).toEqual([1, 3, 4]);
  });

  test('read the lookup when given, before row.attributes', () => {
    const lookup = (r: PanelRow) =>
      r.spanId === sid(3)
        ? { 'error.type': '404', 'browser.request.from_cache': false }
        : undefined;
    expect(ids('attr.error.type:404', { attributes: lookup })).toEqual([3]);
    expect(ids('attr.browser.request.from_cache:false', { attributes: lookup })).toEqual([3]);
    expect(ids('attr.server.port:8443', { attributes: lookup })).toEqual([2]);
  });

  test('needsAttributes says when the data layer must supply them', () => {
    expect(compileFilter('users status:404').needsAttributes).toBe(false);
    expect(compileFilter('users attr.x:*').needsAttributes).toBe(true);
    expect(compileFilter('attr.:x').needsAttributes).toBe(false);
  });

  test('an inherited key such as constructor is not an attribute', () => {
    expect(ids('attr.constructor:*')).toEqual([]);
  });
});

describe('compileFilter: properties', () => {
  const rowArb = fc.record({
    name: fc.string({ maxLength: 12 }),
    url: fc.string({ maxLength: 20 }),
    status: fc.constantFrom(0, 2),
    statusCode: fc.integer({ min: 0, max: 599 }),
    duration: fc.double({ min: 0, max: 1e4, noNaN: true }),
    exported: fc.constantFrom(0 as const, 1 as const),
  });
  const rowsArb = fc.array(
    rowArb.map((r) => row(r)),
    { maxLength: 30 },
  );
  const termArb = fc.oneof(
    fc.string({ minLength: 1, maxLength: 4 }).filter((s) => !/[\s:/<>-]/.test(s) && s !== ''),
    fc.constantFrom(
      'is:error',
      'is:exported',
      'status:4xx',
      'status:0',
      'duration>100',
      'duration<=5',
    ),
  );

  test('a plain word matches exactly the rows whose name or URL contains it, any case', () => {
    fc.assert(
      fc.property(rowsArb, termArb, (rows, word) => {
        fc.pre(!word.includes(':') && !word.includes('>') && !word.includes('<'));
        const kept = new Set(filterRows(rows, compileFilter(word)));
        for (const r of rows) {
          const expected =
            r.name.toLowerCase().includes(word.toLowerCase()) ||
            r.url.toLowerCase().includes(word.toLowerCase());
          expect(kept.has(r)).toBe(expected);
        }
      }),
    );
  });

  test('"-x" keeps exactly the rows "x" drops; "x y" is the intersection', () => {
    fc.assert(
      fc.property(rowsArb, termArb, termArb, (rows, x, y) => {
        const withX = new Set(filterRows(rows, compileFilter(x)));
        const withoutX = new Set(filterRows(rows, compileFilter(`-${x}`)));
        const withY = new Set(filterRows(rows, compileFilter(y)));
        const both = new Set(filterRows(rows, compileFilter(`${x} ${y}`)));
        for (const r of rows) {
          expect(withoutX.has(r)).toBe(!withX.has(r));
          expect(both.has(r)).toBe(withX.has(r) && withY.has(r));
        }
      }),
    );
  });

  test('never throws, whatever the text; matching a row never throws either', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        const filter = compileFilter(text, { errorsOnly: text.length % 2 === 0 });
        expect(typeof filter.matches(ROWS[1] as PanelRow)).toBe('boolean');
      }),
    );
  });
});

describe('filterRows over 100,000 rows', () => {
  test('keeps order and exactly the matches (the work is one linear pass)', () => {
    const many = Array.from({ length: 100_000 }, (_, i) =>
      row({
        spanId: sid(i + 1),
        name: i % 10 === 0 ? `GET /users/{id}` : `GET /items/{id}`,
        url: `https://api.example.com/${i % 10 === 0 ? 'users' : 'items'}/${i}`,
        status: i % 7 === 0 ? 2 : 0,
        duration: i % 1000,
      }),
    );
    const filter = compileFilter('users -duration>500', { errorsOnly: true });
    const kept = filterRows(many, filter);
    const expected = many.filter((r, i) => i % 10 === 0 && i % 7 === 0 && r.duration <= 500);
    expect(kept).toEqual(expected);
    // A second keystroke reuses the lowercase cache and gives the same answer.
    expect(filterRows(many, compileFilter('USERS -duration>500', { errorsOnly: true }))).toEqual(
      expected,
    );
  });
});
