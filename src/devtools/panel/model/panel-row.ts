/**
 * The list's row: the store's compact row (src/core/span/compact-row.ts), a flat, small projection
 * of a span that the panel filters, sorts, groups and counts over (DESIGN §5: big lists work on
 * compact projections, never on full spans), with the span's attributes when it has them.
 */
import { compactRow, type CompactRow } from '../../../core/span/compact-row';
import type { AttributeValue, RecordedSpan } from '../../../core/span/model';

export interface PanelRow extends CompactRow {
  /**
   * The span's attributes, by reference (never copied), for `attr.<key>:` filter terms. Rows the
   * store projects leave it out; the filter then takes an attribute lookup instead (filter-match).
   */
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
}

/** A row's identity: span ids are unique only within a trace, as in the store's key. */
export function rowKey(row: { readonly traceId: string; readonly spanId: string }): string {
  return `${row.traceId}/${row.spanId}`;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null;
}

/** The row of a full span. Never throws: odd fields become blanks, as in compactRow. */
export function toPanelRow(span: RecordedSpan): PanelRow {
  // A span from an import or an old database may lack a field its type promises.
  const rawAttributes: unknown = span.attributes;
  const attributes = isRecord(rawAttributes)
    ? (rawAttributes as Readonly<Record<string, AttributeValue>>)
    : {};
  return { ...compactRow(span), attributes };
}

/** The end of a row's span, epoch milliseconds. */
export function rowEnd(row: { readonly startTime: number; readonly duration: number }): number {
  return row.startTime + row.duration;
}
