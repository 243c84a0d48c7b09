import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { dependencies } from '../../../src/devtools/panel/model/dependencies';
import {
  nearestRank,
  percentiles,
  sortedValues,
} from '../../../src/devtools/panel/model/percentiles';
import { coveredRange, redByName } from '../../../src/devtools/panel/model/red-stats';
import { row, sid, T0 } from './builders';

describe('nearestRank', () => {
  test('the definition: the smallest value with at least p% of the values at or below it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.oneof(
          fc.constantFrom(0, 1, 7, 50, 90, 95, 99, 100),
          fc.integer({ min: 0, max: 10000 }).map((n) => n / 100),
        ),
        (values, p) => {
          const v = nearestRank(sortedValues(values), p) as number;
          expect(values).toContain(v);
          const atOrBelow = values.filter((x) => x <= v).length;
          const below = values.filter((x) => x < v).length;
          // Compared in whole hundredths of a percent, so the check itself has no rounding.
          const needed = Math.round(p * 100) * values.length;
          expect(atOrBelow * 10000).toBeGreaterThanOrEqual(needed);
          if (p > 0) expect(below * 10000).toBeLessThan(needed);
        },
      ),
    );
  });

  test('worked values (Wikipedia "Percentile", nearest-rank method)', () => {
    const sorted = sortedValues([15, 20, 35, 40, 50]);
    expect([5, 30, 40, 50, 100].map((p) => nearestRank(sorted, p))).toEqual([15, 20, 20, 35, 50]);
    // 0.07 × 100 is 7.000000000000001 in floating point; its ceiling must still be rank 7.
    expect(nearestRank(sortedValues(Array.from({ length: 100 }, (_, i) => i + 1)), 7)).toBe(7);
  });

  test('no values or a p outside 0–100: undefined', () => {
    expect(nearestRank(new Float64Array(), 50)).toBeUndefined();
    expect(nearestRank(sortedValues([1]), 101)).toBeUndefined();
    expect(nearestRank(sortedValues([1]), NaN)).toBeUndefined();
    expect(percentiles(new Float64Array())).toBeUndefined();
  });

  test('sortedValues sorts numerically', () => {
    expect([...sortedValues([10, 9, 100, 1.5])]).toEqual([1.5, 9, 10, 100]);
  });
});

describe('redByName', () => {
  test('count, rate over the covered range, errors, error %, percentiles', () => {
    const rows = [
      ...Array.from({ length: 20 }, (_, i) =>
        row({
          spanId: sid(i + 1),
          name: 'GET /users/{id}',
          startTime: T0 + i * 100,
          duration: i + 1,
          status: i < 5 ? 2 : 0,
        }),
      ),
      row({ spanId: sid(99), name: 'POST /orders', startTime: T0 + 500, duration: 3000 }),
    ];
    expect(coveredRange(rows)).toEqual({ start: T0, end: T0 + 3500 });
    const [users, orders] = redByName(rows);
    expect(users).toEqual({
      name: 'GET /users/{id}',
      count: 20,
      rate: 20 / 3.5,
      errors: 5,
      errorPercent: 25,
      p50: 10,
      p95: 19,
      p99: 20,
    });
    expect(orders).toMatchObject({
      name: 'POST /orders',
      count: 1,
      p50: 3000,
      p99: 3000,
      errorPercent: 0,
    });
  });

  test('rate is null when the rows cover no time; no rows, no entries', () => {
    expect(redByName([row({ duration: 0 })])[0]?.rate).toBeNull();
    expect(redByName([])).toEqual([]);
  });

  test('ties in count are ordered by name', () => {
    expect(redByName([row({ name: 'b' }), row({ name: 'a' })]).map((s) => s.name)).toEqual([
      'a',
      'b',
    ]);
  });
});

describe('dependencies', () => {
  const page = 'https://app.example.com';
  const rows = [
    row({ pageOrigin: page, origin: page, duration: 5 }),
    row({ pageOrigin: page, origin: 'https://api.example.com', duration: 10 }),
    row({ pageOrigin: page, origin: 'https://api.example.com', duration: 30, status: 2 }),
    row({ pageOrigin: page, origin: 'https://api.example.com', duration: 20 }),
    row({ pageOrigin: page, origin: 'https://cdn.example.net', duration: 1 }),
    row({ pageOrigin: page, origin: page, kind: 1, name: 'page_view /' }),
    row({ pageOrigin: page, origin: '' }),
    row({ pageOrigin: 'https://other.example', origin: 'https://api.example.com', duration: 7 }),
  ];

  test('page origin → each destination: count, errors, error %, p95; CLIENT spans only', () => {
    expect(dependencies(rows)).toEqual([
      {
        from: page,
        to: 'https://api.example.com',
        count: 3,
        errors: 1,
        errorPercent: (1 / 3) * 100,
        p95: 30,
        sameOrigin: false,
      },
      { from: page, to: page, count: 1, errors: 0, errorPercent: 0, p95: 5, sameOrigin: true },
      {
        from: page,
        to: 'https://cdn.example.net',
        count: 1,
        errors: 0,
        errorPercent: 0,
        p95: 1,
        sameOrigin: false,
      },
      {
        from: 'https://other.example',
        to: 'https://api.example.com',
        count: 1,
        errors: 0,
        errorPercent: 0,
        p95: 7,
        sameOrigin: false,
      },
    ]);
  });

  test('the page origin can come from a lookup (rows of imported spans may lack it)', () => {
    const bare = rows.slice(1, 3).map((r) => ({ ...r, pageOrigin: '' }));
    expect(dependencies(bare)[0]?.from).toBe('');
    expect(dependencies(bare, () => page)[0]).toMatchObject({ from: page, count: 2 });
  });
});
