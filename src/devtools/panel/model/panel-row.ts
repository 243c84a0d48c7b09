/**
 * The list's row: a flat, small projection of a span that the panel filters, sorts, groups and
 * counts over (DESIGN §5: big lists work on compact projections, never on full spans). Its first
 * fields are exactly the store's CompactRow (src/core/span/compact-row.ts), so a stored row maps
 * 1:1; the rest are what the list shows beyond it.
 */
import { compactRow, originOf, type CompactRow } from '../../../core/span/compact-row';
import type { AttributeValue, RecordedSpan } from '../../../core/span/model';

export const ATTR_URL_FULL = 'url.full';
export const ATTR_SERVER_ADDRESS = 'server.address';
export const ATTR_RESOURCE_TYPE = 'browser.request.resource_type';

export interface PanelRow extends CompactRow {
  /** `url.full`, redacted as stored; '' when the span has none. */
  readonly url: string;
  /** `server.address` (lowercase host, IPv6 without brackets); '' when the span has none. */
  readonly serverAddress: string;
  /** `browser.request.resource_type` (document, fetch, xhr, preflight, …), when recorded. */
  readonly resourceType?: string;
  /** `scheme://host[:port]` of the inspected page (context.pageUrl), for the dependency view. */
  readonly pageOrigin?: string;
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

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The row of a full span. Never throws: odd fields become blanks, as in compactRow. */
export function toPanelRow(span: RecordedSpan): PanelRow {
  const base = compactRow(span);
  // A span from an import or an old database may lack a field its type promises.
  const rawAttributes: unknown = span.attributes;
  const attributes = isRecord(rawAttributes)
    ? (rawAttributes as Readonly<Record<string, AttributeValue>>)
    : {};
  const resourceType = attributes[ATTR_RESOURCE_TYPE];
  const context: unknown = span.context;
  const pageOrigin = originOf(isRecord(context) ? context['pageUrl'] : undefined);
  return {
    ...base,
    url: text(attributes[ATTR_URL_FULL]),
    serverAddress: text(attributes[ATTR_SERVER_ADDRESS]),
    ...(typeof resourceType === 'string' && resourceType !== '' ? { resourceType } : {}),
    ...(pageOrigin === '' ? {} : { pageOrigin }),
    attributes,
  };
}

/** The end of a row's span, epoch milliseconds. */
export function rowEnd(row: { readonly startTime: number; readonly duration: number }): number {
  return row.startTime + row.duration;
}
