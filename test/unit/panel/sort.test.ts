import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { PanelRow } from '../../../src/devtools/panel/model/panel-row';
import {
  isSortColumn,
  nextSortOrder,
  NUMERIC_COLUMNS,
  sortRows,
  TEXT_COLUMNS,
  type SortColumn,
  type SortOrder,
} from '../../../src/devtools/panel/model/sort';
import { row, sid } from './builders';

/**
 * The reference: decorate with the index, compare, then the index (stability by construction).
 * Missing (undefined, '' or NaN) sorts last in both directions.
 */
function reference(rows: readonly PanelRow[], order: SortOrder): PanelRow[] {
  const sign = order.direction === 'ascending' ? 1 : -1;
  const numeric = (NUMERIC_COLUMNS as readonly string[]).includes(order.column);
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const x = a.r[order.column];
      const y = b.r[order.column];
      const missing = (v: string | number) => v === '' || (numeric && Number.isNaN(v));
      const missingX = missing(x);
      const missingY = missing(y);
      if (missingX || missingY) return missingX === missingY ? a.i - b.i : missingX ? 1 : -1;
      if (x === y) return a.i - b.i;
      return (x < y ? -1 : 1) * sign;
    })
    .map((d) => d.r);
}

const rowArb = fc
  .record({
    name: fc.constantFrom('GET /a', 'GET /b', 'POST /a', 'Get /a', ''),
    statusCode: fc.constantFrom(0, 200, 404, 503),
    duration: fc.oneof(
      fc.constantFrom(0, 1, 1.5, 10),
      fc.double({ min: 0, max: 100, noNaN: true }),
    ),
    startTime: fc.integer({ min: 0, max: 5 }),
    resourceType: fc.option(fc.constantFrom('fetch', 'xhr', 'document'), { nil: undefined }),
  })
  .map(({ resourceType, ...rest }) =>
    row({ ...rest, ...(resourceType === undefined ? {} : { resourceType }) }),
  );

describe('sortRows', () => {
  test('matches a stable reference sort for every column and direction', () => {
    const columns: SortColumn[] = [...NUMERIC_COLUMNS, ...TEXT_COLUMNS];
    fc.assert(
      fc.property(
        fc.array(rowArb, { maxLength: 40 }),
        fc.constantFrom(...columns),
        fc.constantFrom('ascending' as const, 'descending' as const),
        (rows, column, direction) => {
          const withIds = rows.map((r, i) => ({ ...r, spanId: sid(i + 1) }));
          const order = { column, direction };
          expect(sortRows(withIds, order)).toEqual(reference(withIds, order));
        },
      ),
    );
  });

  test('numbers sort as numbers, not as text', () => {
    const rows = [row({ duration: 10 }), row({ duration: 9 }), row({ duration: 100 })];
    expect(
      sortRows(rows, { column: 'duration', direction: 'ascending' }).map((r) => r.duration),
    ).toEqual([9, 10, 100]);
  });

  test('equal keys keep their order in both directions (stable)', () => {
    const rows = [1, 2, 3, 4].map((n) =>
      row({ spanId: sid(n), statusCode: n % 2 === 0 ? 200 : 404 }),
    );
    const down = sortRows(rows, { column: 'statusCode', direction: 'descending' });
    expect(down.map((r) => parseInt(r.spanId, 16))).toEqual([1, 3, 2, 4]);
  });

  test('a missing (empty) value sorts last whichever the direction', () => {
    const rows = [
      row({ spanId: sid(1), resourceType: '' }),
      row({ spanId: sid(2), resourceType: 'xhr' }),
      row({ spanId: sid(3), resourceType: 'fetch' }),
    ];
    for (const direction of ['ascending', 'descending'] as const) {
      expect(sortRows(rows, { column: 'resourceType', direction }).at(-1)?.spanId).toBe(sid(1));
    }
  });

  test('leaves the input as it was', () => {
    const rows = [row({ duration: 2 }), row({ duration: 1 })];
    sortRows(rows, { column: 'duration', direction: 'ascending' });
    expect(rows.map((r) => r.duration)).toEqual([2, 1]);
  });
});

test('nextSortOrder: the same column flips, another starts ascending', () => {
  expect(nextSortOrder(null, 'name')).toEqual({ column: 'name', direction: 'ascending' });
  const asc = nextSortOrder(null, 'duration');
  expect(nextSortOrder(asc, 'duration')).toEqual({ column: 'duration', direction: 'descending' });
  expect(nextSortOrder(nextSortOrder(asc, 'duration'), 'duration').direction).toBe('ascending');
  expect(nextSortOrder(asc, 'name')).toEqual({ column: 'name', direction: 'ascending' });
});

test('isSortColumn names exactly the sortable columns', () => {
  expect(isSortColumn('duration')).toBe(true);
  expect(isSortColumn('url')).toBe(true);
  expect(isSortColumn('attributes')).toBe(false);
  expect(isSortColumn('toString')).toBe(false);
});
