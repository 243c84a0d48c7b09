/**
 * Compact rows in columns: one typed array per number field and one string table for the
 * low-cardinality text (names, methods, origins, context sources, page views). IndexedDB clones a
 * typed array as one block of bytes, so a block of rows costs about one record to store and to
 * read, where the same rows as objects would cost one clone per field (docs/storage.md).
 */
import type { CompactRow } from './compact-row';

export interface RowBlock {
  readonly count: number;
  readonly traceId: readonly string[];
  readonly spanId: readonly string[];
  readonly parentSpanId: readonly string[];
  /** One URL per row: too varied to share the string table. Absent in blocks written before it. */
  readonly url?: readonly string[];
  /** The block's string table; the columns below hold indexes into it. */
  readonly strings: readonly string[];
  readonly name: Uint16Array;
  readonly method: Uint16Array;
  readonly origin: Uint16Array;
  readonly contextSource: Uint16Array;
  readonly pageViewId: Uint16Array;
  readonly serverAddress?: Uint16Array;
  readonly resourceType?: Uint16Array;
  readonly pageOrigin?: Uint16Array;
  readonly kind: Uint8Array;
  readonly status: Uint8Array;
  readonly statusCode: Uint16Array;
  readonly startTime: Float64Array;
  readonly duration: Float64Array;
  readonly tabId: Float64Array;
  readonly exported: Uint8Array;
}

/** Indexes are Uint16: a block holds at most this many distinct strings. */
export const MAX_BLOCK_STRINGS = 65_536;
/** Eight text columns share the table, so this many rows always fit. */
export const MAX_BLOCK_ROWS = Math.floor(MAX_BLOCK_STRINGS / 8);

export function toRowBlock(rows: readonly CompactRow[]): RowBlock {
  if (rows.length > MAX_BLOCK_ROWS) {
    throw new RangeError(`a row block holds at most ${MAX_BLOCK_ROWS} rows, not ${rows.length}`);
  }
  const n = rows.length;
  const strings: string[] = [];
  const seen = new Map<string, number>();
  const intern = (value: string): number => {
    let index = seen.get(value);
    if (index === undefined) {
      index = strings.length;
      strings.push(value);
      seen.set(value, index);
    }
    return index;
  };
  const block = {
    count: n,
    traceId: rows.map((r) => r.traceId),
    spanId: rows.map((r) => r.spanId),
    parentSpanId: rows.map((r) => r.parentSpanId),
    url: rows.map((r) => r.url),
    strings,
    name: new Uint16Array(n),
    method: new Uint16Array(n),
    origin: new Uint16Array(n),
    contextSource: new Uint16Array(n),
    pageViewId: new Uint16Array(n),
    serverAddress: new Uint16Array(n),
    resourceType: new Uint16Array(n),
    pageOrigin: new Uint16Array(n),
    kind: new Uint8Array(n),
    status: new Uint8Array(n),
    statusCode: new Uint16Array(n),
    startTime: new Float64Array(n),
    duration: new Float64Array(n),
    tabId: new Float64Array(n),
    exported: new Uint8Array(n),
  };
  rows.forEach((row, i) => {
    block.name[i] = intern(row.name);
    block.method[i] = intern(row.method);
    block.origin[i] = intern(row.origin);
    block.contextSource[i] = intern(row.contextSource);
    block.pageViewId[i] = intern(row.pageViewId);
    block.serverAddress[i] = intern(row.serverAddress);
    block.resourceType[i] = intern(row.resourceType);
    block.pageOrigin[i] = intern(row.pageOrigin);
    block.kind[i] = row.kind;
    block.status[i] = row.status;
    block.statusCode[i] = row.statusCode;
    block.startTime[i] = row.startTime;
    block.duration[i] = row.duration;
    block.tabId[i] = row.tabId;
    block.exported[i] = row.exported;
  });
  return block;
}

/** Row `i` of the block as an object. */
export function rowAt(block: RowBlock, i: number): CompactRow {
  const s = (column: Uint16Array | undefined): string =>
    column === undefined ? '' : (block.strings[column[i] ?? 0] ?? '');
  return {
    traceId: block.traceId[i] ?? '',
    spanId: block.spanId[i] ?? '',
    parentSpanId: block.parentSpanId[i] ?? '',
    name: s(block.name),
    kind: block.kind[i] ?? 0,
    method: s(block.method),
    statusCode: block.statusCode[i] ?? 0,
    status: block.status[i] ?? 0,
    origin: s(block.origin),
    startTime: block.startTime[i] ?? 0,
    duration: block.duration[i] ?? 0,
    contextSource: s(block.contextSource),
    tabId: block.tabId[i] ?? -1,
    pageViewId: s(block.pageViewId),
    exported: block.exported[i] === 1 ? 1 : 0,
    url: block.url?.[i] ?? '',
    serverAddress: s(block.serverAddress),
    resourceType: s(block.resourceType),
    pageOrigin: s(block.pageOrigin),
  };
}

/** Every row of the block, in slot order. */
export function blockRows(block: RowBlock): CompactRow[] {
  return Array.from({ length: block.count }, (_, i) => rowAt(block, i));
}
