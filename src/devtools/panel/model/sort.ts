/**
 * Sorting the list by a column. Stable (rows that compare equal keep their order, so sorting by
 * status after sorting by time keeps each status's rows in time order), numeric where the column is
 * a number, by UTF-16 code unit where it is text (as the store orders keys; locale collation would
 * cost far more over 100,000 rows). A missing value sorts last in either direction.
 */
import type { PanelRow } from './panel-row';

export const NUMERIC_COLUMNS = [
  'kind',
  'statusCode',
  'status',
  'startTime',
  'duration',
  'tabId',
  'exported',
] as const;
export const TEXT_COLUMNS = [
  'traceId',
  'spanId',
  'parentSpanId',
  'name',
  'method',
  'origin',
  'serverAddress',
  'url',
  'contextSource',
  'pageViewId',
  'resourceType',
] as const;

export type SortColumn = (typeof NUMERIC_COLUMNS)[number] | (typeof TEXT_COLUMNS)[number];
export type SortDirection = 'ascending' | 'descending';

export interface SortOrder {
  readonly column: SortColumn;
  readonly direction: SortDirection;
}

const NUMERIC: ReadonlySet<string> = new Set(NUMERIC_COLUMNS);

export function isSortColumn(name: string): name is SortColumn {
  return NUMERIC.has(name) || (TEXT_COLUMNS as readonly string[]).includes(name);
}

type Compare = (a: PanelRow, b: PanelRow) => number;

function numericCompare(column: SortColumn, sign: number): Compare {
  return (a, b) => {
    const x = a[column] as number;
    const y = b[column] as number;
    // NaN is "missing": last, whatever the direction.
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
    return x === y ? 0 : x < y ? -sign : sign;
  };
}

function textCompare(column: SortColumn, sign: number): Compare {
  return (a, b) => {
    const x = (a[column] as string | undefined) ?? '';
    const y = (b[column] as string | undefined) ?? '';
    // An empty text (no resource type, no parent) is "missing": last, whatever the direction.
    if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
    return x === y ? 0 : x < y ? -sign : sign;
  };
}

/** A comparator for the order; Array#sort with it is stable (ECMAScript 2019). */
export function rowComparator(order: SortOrder): Compare {
  const sign = order.direction === 'descending' ? -1 : 1;
  return NUMERIC.has(order.column)
    ? numericCompare(order.column, sign)
    : textCompare(order.column, sign);
}

/** A sorted copy; the input is left as it was. */
export function sortRows<R extends PanelRow>(rows: readonly R[], order: SortOrder): R[] {
  return rows.slice().sort(rowComparator(order));
}

/** Clicking a column header: the same column flips direction, a new one starts ascending. */
export function nextSortOrder(current: SortOrder | null, column: SortColumn): SortOrder {
  if (current?.column !== column) return { column, direction: 'ascending' };
  return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}
