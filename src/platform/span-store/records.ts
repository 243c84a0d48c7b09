/**
 * What the version-2 stores hold (docs/storage.md "Layout"). A chunk of spans is two records
 * under one id: its full spans in `chunks` and their compact rows in `rows`. They are always
 * written in the same transaction, so they always hold the same spans in the same slots.
 */
import type { CompactRow } from '../../core/span/compact-row';
import type { ExportState } from '../../core/span/model';
import { rowAt, toRowBlock, type RowBlock } from '../../core/span/row-block';
import type { EncodedSpan } from '../../core/span/span-codec';

export const CHUNKS = 'chunks';
export const ROWS = 'rows';
export const META = 'meta';
export const ALL_STORES = [CHUNKS, ROWS, META];

/** `chunks` index: every span key, unique across the store (an upsert finds its span by it). */
export const KEY_INDEX = 'key';
/** `chunks` index: the page views a chunk holds spans of. */
export const PAGE_VIEW_INDEX = 'pageView';
/** `rows` indexes; each key carries what the query planner needs, so it walks keys only. */
export const BY_START = 'byStart';
export const BY_END = 'byEnd';
export const BY_UNEXPORTED = 'byUnexported';

/** `[traceId, spanId]`: unique per span, since span ids are only unique within a trace. */
export type SpanKey = readonly [traceId: string, spanId: string];

export interface ChunkRecord {
  readonly id: number;
  readonly keys: SpanKey[];
  readonly pageViews: string[];
  readonly spans: EncodedSpan[];
}

export interface RowsRecord {
  readonly id: number;
  readonly count: number;
  readonly minStart: number;
  readonly maxStart: number;
  readonly unexported: number;
  /** The earliest start among unexported spans; absent (so out of its index) when none is. */
  readonly minUnexported?: number;
  readonly rows: RowBlock;
  /** Per slot: the write that stored the span, so marking it exported skips a newer copy. */
  readonly revision: Float64Array;
  /** Per slot: `encodedSize`, for the exporter's byte bound. */
  readonly size: Uint32Array;
}

/** One span in a chunk being rewritten. */
export interface Slot {
  readonly span: EncodedSpan;
  readonly row: CompactRow;
  readonly revision: number;
  readonly size: number;
}

/** A chunk decoded for rewriting: the write path, retention and migration change `slots`. */
export interface ChunkState {
  readonly id: number;
  slots: Slot[];
}

export function keyOf(slot: Slot): SpanKey {
  return [slot.row.traceId, slot.row.spanId];
}

/** A Map key for a span key: the length prefix keeps `a|bc` and `ab|c` apart. */
export function keyText(traceId: string, spanId: string): string {
  return `${String(traceId.length)}:${traceId}${spanId}`;
}

export function toChunkRecord(state: ChunkState): ChunkRecord {
  const pageViews = new Set<string>();
  for (const slot of state.slots)
    if (slot.row.pageViewId !== '') pageViews.add(slot.row.pageViewId);
  return {
    id: state.id,
    keys: state.slots.map(keyOf),
    pageViews: [...pageViews],
    spans: state.slots.map((slot) => slot.span),
  };
}

export function toRowsRecord(state: ChunkState): RowsRecord {
  return summarize(
    state.id,
    toRowBlock(state.slots.map((slot) => slot.row)),
    Float64Array.from(state.slots, (slot) => slot.revision),
    Uint32Array.from(state.slots, (slot) => slot.size),
  );
}

/** The record with its planner fields recomputed from its columns. */
export function summarize(
  id: number,
  rows: RowBlock,
  revision: Float64Array,
  size: Uint32Array,
): RowsRecord {
  let minStart = Infinity;
  let maxStart = -Infinity;
  let unexported = 0;
  let minUnexported = Infinity;
  for (let i = 0; i < rows.count; i++) {
    const start = rows.startTime[i] ?? 0;
    minStart = Math.min(minStart, start);
    maxStart = Math.max(maxStart, start);
    if (rows.exported[i] === 0) {
      unexported += 1;
      minUnexported = Math.min(minUnexported, start);
    }
  }
  const base = { id, count: rows.count, minStart, maxStart, unexported, rows, revision, size };
  return unexported > 0 ? { ...base, minUnexported } : base;
}

export function fromRecords(chunk: ChunkRecord, rows: RowsRecord): ChunkState {
  if (chunk.spans.length !== rows.count || chunk.id !== rows.id) {
    throw new Error(
      `span chunk ${String(chunk.id)} is inconsistent: ${String(chunk.spans.length)} spans, ` +
        `${String(rows.count)} rows in record ${String(rows.id)}`,
    );
  }
  return {
    id: chunk.id,
    slots: chunk.spans.map((span, i) => ({
      span,
      row: rowAt(rows.rows, i),
      revision: rows.revision[i] ?? 0,
      size: rows.size[i] ?? 0,
    })),
  };
}

export function exportStateAt(rows: RowsRecord, slot: number): ExportState {
  return rows.rows.exported[slot] === 1 ? 1 : 0;
}
