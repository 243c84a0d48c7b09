import { compareRows, type RowPosition } from '../../core/span/compact-row';
import type { RowsRecord } from './records';

/** One slot of a rows record, with what the store's order compares. */
export interface Candidate extends RowPosition {
  readonly record: RowsRecord;
  readonly slot: number;
}

/** The slots of `records` that `keep` accepts, without building their rows. */
export function candidatesOf(
  records: readonly RowsRecord[],
  keep: (record: RowsRecord, slot: number) => boolean,
): Candidate[] {
  const out: Candidate[] = [];
  for (const record of records) {
    const { rows } = record;
    for (let slot = 0; slot < rows.count; slot++) {
      if (!keep(record, slot)) continue;
      out.push({
        record,
        slot,
        startTime: rows.startTime[slot] ?? 0,
        traceId: rows.traceId[slot] ?? '',
        spanId: rows.spanId[slot] ?? '',
      });
    }
  }
  return out;
}

/** The first `n` in the store's order (oldest first). */
export function oldest(candidates: Candidate[], n: number): Candidate[] {
  return candidates.sort(compareRows).slice(0, n);
}

/** The first `n` newest first. */
export function newest(candidates: Candidate[], n: number): Candidate[] {
  return candidates.sort((a, b) => compareRows(b, a)).slice(0, n);
}

/** Candidates grouped by chunk id, in the order first seen. */
export function byChunk(candidates: readonly Candidate[]): Map<number, Candidate[]> {
  const groups = new Map<number, Candidate[]>();
  for (const c of candidates) {
    const group = groups.get(c.record.id);
    if (group) group.push(c);
    else groups.set(c.record.id, [c]);
  }
  return groups;
}
