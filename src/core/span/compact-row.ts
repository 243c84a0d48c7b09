/**
 * The compact row: the few fields of a span that the panel lists, filters and counts over, and
 * that the store keeps apart from the full spans (docs/storage.md). A projection, so it never
 * throws: a span that came from an import or an old database with an odd field still gets a row,
 * with that field blank.
 */
import { ATTR_RESOURCE_TYPE } from './browser-attributes';
import { truncate } from './har-read';
import { ATTR_CONTEXT_SOURCE } from './har-to-span';
import type { ExportState, RecordedSpan } from './model';
import { splitUrl } from './url-parts';

export interface CompactRow {
  readonly traceId: string;
  readonly spanId: string;
  /** '' for a root span. */
  readonly parentSpanId: string;
  readonly name: string;
  /** OTLP SpanKind: 3 CLIENT, 1 INTERNAL (the page-view span). */
  readonly kind: number;
  /** `http.request.method`, or '' (the page-view span has none). */
  readonly method: string;
  /** `http.response.status_code`, or 0 when there was no response. */
  readonly statusCode: number;
  /** OTLP Status.code: 0 UNSET, 1 OK, 2 ERROR. */
  readonly status: number;
  /** `scheme://host[:port]` of `url.full`, or ''. */
  readonly origin: string;
  /** Epoch milliseconds. */
  readonly startTime: number;
  /** `endTime - startTime`, milliseconds. */
  readonly duration: number;
  /** `browser.trace.context_source`: extension, page, page-view, none; '' when absent. */
  readonly contextSource: string;
  readonly tabId: number;
  readonly pageViewId: string;
  readonly exported: ExportState;
  /** `url.full` (redacted when it was stored), cut to MAX_ROW_URL_LENGTH; '' when absent. */
  readonly url: string;
  /** `server.address` (lowercase host, IPv6 without brackets), or ''. */
  readonly serverAddress: string;
  /** `browser.request.resource_type` (document, fetch, xhr, preflight, …), or ''. */
  readonly resourceType: string;
  /** `scheme://host[:port]` of the page that made the request (context.pageUrl), or ''. */
  readonly pageOrigin: string;
}

/**
 * The longest URL a row keeps: the list shows and filters on it, and 100,000 rows of full 8 KiB
 * URLs would be most of the row store. The span keeps the whole URL for the detail pane.
 */
export const MAX_ROW_URL_LENGTH = 2048;

/** A place in the row order: a row itself, or the last row of the page before. */
export interface RowPosition {
  readonly startTime: number;
  readonly traceId: string;
  readonly spanId: string;
}

/**
 * The store's one order: start time, then trace id, then span id (as IndexedDB orders string
 * keys, by UTF-16 code unit). Negative when `a` comes first.
 */
export function compareRows(a: RowPosition, b: RowPosition): number {
  if (a.startTime !== b.startTime) return a.startTime < b.startTime ? -1 : 1;
  if (a.traceId !== b.traceId) return a.traceId < b.traceId ? -1 : 1;
  if (a.spanId !== b.spanId) return a.spanId < b.spanId ? -1 : 1;
  return 0;
}

/** The row of `span`, with its export state. */
export function compactRow(span: RecordedSpan): CompactRow {
  const attributes = isObject(span.attributes) ? span.attributes : {};
  const context: Partial<Record<string, unknown>> = isObject(span.context) ? span.context : {};
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: text(span.parentSpanId),
    name: text(span.name),
    kind: small(span.kind, 255),
    method: text(attributes['http.request.method']),
    statusCode: small(attributes['http.response.status_code'], 65_535),
    status: isObject(span.status) ? small(span.status.code, 2) : 0,
    origin: originOf(attributes['url.full']),
    startTime: span.startTime,
    duration: finite(span.endTime, span.startTime) - span.startTime,
    contextSource: text(attributes[ATTR_CONTEXT_SOURCE]),
    tabId: finite(context['tabId'], -1),
    pageViewId: text(context['pageViewId']),
    exported: span.exported === 1 ? 1 : 0,
    url: truncate(text(attributes['url.full']), MAX_ROW_URL_LENGTH),
    serverAddress: text(attributes['server.address']),
    resourceType: text(attributes[ATTR_RESOURCE_TYPE]),
    pageOrigin: originOf(context['pageUrl']),
  };
}

/** `https://api.example.com:8443` from a URL; userinfo dropped, host as recorded. */
export function originOf(url: unknown): string {
  if (typeof url !== 'string') return '';
  const parts = splitUrl(url);
  if (parts.scheme === '' || parts.authorityStart < 0) return '';
  const authority = url.slice(parts.authorityStart, parts.authorityEnd);
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return `${parts.scheme}://${host}`;
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null;
}

function finite(value: unknown, otherwise: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : otherwise;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A whole number in [0, max] (what the row's typed column holds), else 0. */
function small(value: unknown, max: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max
    ? value
    : 0;
}
