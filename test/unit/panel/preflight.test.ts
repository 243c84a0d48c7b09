import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { rowKey, toPanelRow, type PanelRow } from '../../../src/devtools/panel/model/panel-row';
import {
  isPreflight,
  nestPreflights,
  pairPreflights,
  PREFLIGHT_WINDOW_MS,
} from '../../../src/devtools/panel/model/preflight';
import { row, sid, T0 } from './builders';
import { fixtureSpans } from './fixture-spans';

const URL_A = 'https://api.example.com/a';

function preflight(
  n: number,
  start: number,
  duration: number,
  o: Partial<PanelRow> = {},
): PanelRow {
  return row({
    spanId: sid(n),
    name: 'OPTIONS /a',
    method: 'OPTIONS',
    resourceType: 'preflight',
    contextSource: 'none',
    startTime: T0 + start,
    duration,
    url: URL_A,
    ...o,
  });
}

function request(n: number, start: number, duration: number, o: Partial<PanelRow> = {}): PanelRow {
  return row({ spanId: sid(n), name: 'GET /a', startTime: T0 + start, duration, url: URL_A, ...o });
}

function pairsOf(rows: readonly PanelRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [p, r] of pairPreflights(rows)) out[p.slice(-2)] = r.spanId.slice(-2);
  return out;
}

describe('pairPreflights', () => {
  test('the real capture: Chromium dates the GET before its OPTIONS; they still pair', () => {
    const rows = fixtureSpans('cors-preflight').map(toPanelRow);
    const [options, get] = rows;
    expect(options?.method).toBe('OPTIONS');
    expect(get?.startTime).toBeLessThan(options?.startTime ?? 0);
    const pairs = pairPreflights(rows);
    expect(pairs.size).toBe(1);
    expect(pairs.get(rowKey(options as PanelRow))).toBe(get);
  });

  test('a preflight that ended before its request started (a page SDK records it so)', () => {
    expect(pairsOf([preflight(1, 0, 5), request(2, 6, 10)])).toEqual({ '01': '02' });
  });

  test('the nearest request wins, one preflight per request', () => {
    const rows = [
      request(1, -1000, 2000), // an earlier, long request to the same URL
      preflight(2, 0, 3),
      request(3, 1, 10), // created 1 ms after the preflight started: its own
      preflight(4, 100, 3),
      request(5, 104, 10),
      request(6, 200, 10),
    ];
    expect(pairsOf(rows)).toEqual({ '02': '03', '04': '05' });
  });

  test('not paired: another URL, another tab, a request that ended first, too far apart', () => {
    expect(
      pairsOf([preflight(1, 0, 5), request(2, 1, 10, { url: 'https://api.example.com/b' })]),
    ).toEqual({});
    expect(pairsOf([preflight(1, 0, 5), request(2, 1, 10, { tabId: 8 })])).toEqual({});
    expect(pairsOf([preflight(1, 0, 5), request(2, -10, 12)])).toEqual({});
    expect(pairsOf([preflight(1, 0, 5), request(2, 5 + PREFLIGHT_WINDOW_MS + 1, 10)])).toEqual({});
    expect(pairsOf([preflight(1, 0, 5), request(2, 5 + PREFLIGHT_WINDOW_MS, 10)])).toEqual({
      '01': '02',
    });
  });

  test('an app OPTIONS call (resource type fetch) is not a preflight; without a type it is', () => {
    const appOptions = preflight(1, 0, 5, { resourceType: 'fetch' });
    expect(isPreflight(appOptions)).toBe(false);
    expect(pairsOf([appOptions, request(2, 6, 10)])).toEqual({});
    expect(isPreflight({ ...preflight(3, 0, 5), resourceType: '' })).toBe(true);
    expect(isPreflight(row({ name: 'CORS Preflight', method: '' }))).toBe(true);
    expect(isPreflight(row())).toBe(false);
  });

  test('every pair obeys the rules, and no request takes two preflights', () => {
    const rowArb = fc.record({
      preflight: fc.boolean(),
      start: fc.integer({ min: 0, max: 12_000 }),
      duration: fc.integer({ min: 0, max: 3000 }),
      url: fc.constantFrom(URL_A, 'https://api.example.com/b'),
      tabId: fc.constantFrom(7, 8),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 30 }), (specs) => {
        const rows = specs.map((o, i) =>
          (o.preflight ? preflight : request)(i + 1, o.start, o.duration, {
            url: o.url,
            tabId: o.tabId,
          }),
        );
        const pairs = pairPreflights(rows);
        const byKey = new Map(rows.map((r) => [rowKey(r), r]));
        expect(new Set(pairs.values()).size).toBe(pairs.size);
        for (const [key, req] of pairs) {
          const p = byKey.get(key) as PanelRow;
          expect(isPreflight(p) && !isPreflight(req)).toBe(true);
          expect([req.tabId, req.url]).toEqual([p.tabId, p.url]);
          const end = p.startTime + p.duration;
          expect(req.startTime + req.duration).toBeGreaterThanOrEqual(end);
          expect(Math.abs(req.startTime - end)).toBeLessThanOrEqual(PREFLIGHT_WINDOW_MS);
        }
      }),
    );
  });

  test('a preflight never pairs with another preflight', () => {
    expect(pairsOf([preflight(1, 0, 5), preflight(2, 1, 10)])).toEqual({});
  });
});

describe('nestPreflights', () => {
  test('moves each paired preflight just after its request, one level down', () => {
    const rows = [
      request(1, 0, 50, { url: 'https://x/' }),
      preflight(2, 10, 3),
      request(3, 9, 10),
      request(4, 30, 5, { url: 'https://y/' }),
    ];
    const nested = nestPreflights(rows);
    expect(nested.map((n) => [n.row.spanId.slice(-1), n.depth, n.parentKey?.slice(-1)])).toEqual([
      ['1', 0, undefined],
      ['3', 0, undefined],
      ['2', 1, '3'],
      ['4', 0, undefined],
    ]);
  });

  test('a preflight whose request is filtered out stays where it was', () => {
    const all = [preflight(1, 0, 3), request(2, 1, 10)];
    const pairs = pairPreflights(all);
    const nested = nestPreflights([all[0] as PanelRow], pairs);
    expect(nested).toEqual([{ row: all[0], depth: 0 }]);
  });
});
