/**
 * Rows grouped by trace, for the list's "by trace" view and the trace header: how many spans, how
 * long, how many errors, which row is the root.
 */
import { STATUS_ERROR } from '../../../core/span/model';
import { rowEnd, type PanelRow } from './panel-row';

export interface TraceGroup<R extends PanelRow = PanelRow> {
  readonly traceId: string;
  /** In start order (ties keep input order). */
  readonly rows: readonly R[];
  readonly startTime: number;
  readonly endTime: number;
  /** endTime − startTime, milliseconds. */
  readonly duration: number;
  readonly errorCount: number;
  /**
   * The row the trace is named after: the earliest one without a parent in the group (a true
   * root, or the top of what was recorded), else the earliest row.
   */
  readonly root: R;
}

function byStart(a: PanelRow, b: PanelRow): number {
  return a.startTime - b.startTime;
}

function traceGroup<R extends PanelRow>(traceId: string, rows: R[]): TraceGroup<R> {
  rows.sort(byStart);
  const ids = new Set<string>();
  for (const row of rows) ids.add(row.spanId);
  let startTime = Infinity;
  let endTime = -Infinity;
  let errorCount = 0;
  let root: R | undefined;
  for (const row of rows) {
    startTime = Math.min(startTime, row.startTime);
    endTime = Math.max(endTime, rowEnd(row));
    if (row.status === STATUS_ERROR) errorCount++;
    if (root === undefined && (row.parentSpanId === '' || !ids.has(row.parentSpanId))) root = row;
  }
  return {
    traceId,
    rows,
    startTime,
    endTime,
    duration: endTime - startTime,
    errorCount,
    root: root ?? (rows[0] as R),
  };
}

/** One group per trace id, ordered by the trace's start, then trace id. */
export function groupByTrace<R extends PanelRow>(rows: readonly R[]): TraceGroup<R>[] {
  const byTrace = new Map<string, R[]>();
  for (const row of rows) {
    const list = byTrace.get(row.traceId);
    if (list === undefined) byTrace.set(row.traceId, [row]);
    else list.push(row);
  }
  const groups: TraceGroup<R>[] = [];
  for (const [traceId, list] of byTrace) groups.push(traceGroup(traceId, list));
  return groups.sort(
    (a, b) =>
      a.startTime - b.startTime || (a.traceId < b.traceId ? -1 : a.traceId > b.traceId ? 1 : 0),
  );
}
