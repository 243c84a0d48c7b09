/**
 * A recorded span, as stored in IndexedDB and later exported as OTLP. Times are epoch
 * milliseconds with fractions (HAR's precision); the OTLP encoder turns them into nanoseconds.
 */

/** OTLP SpanKind values (opentelemetry-proto trace.proto). */
export const SPAN_KIND_INTERNAL = 1;
export const SPAN_KIND_CLIENT = 3;
export type SpanKind = typeof SPAN_KIND_INTERNAL | typeof SPAN_KIND_CLIENT;

/** OTLP Status.code values. */
export const STATUS_UNSET = 0;
export const STATUS_ERROR = 2;
export type StatusCode = typeof STATUS_UNSET | typeof STATUS_ERROR;

export type AttributeValue = string | number | boolean | readonly string[];

export interface SpanEvent {
  /** OpenTelemetry JS web names: fetchStart, domainLookupStart, …, responseEnd. */
  readonly name: string;
  /** Epoch milliseconds. */
  readonly time: number;
}

/** Where a span was recorded: which tab, which page view, which page (URL redacted). */
export interface SpanContextInfo {
  readonly tabId: number;
  /** The page view's id: its span id when the background tracks it, else one the recorder made. */
  readonly pageViewId: string;
  readonly pageUrl: string;
}

/** 0 until a backend accepted the span. A number, because IndexedDB cannot index booleans. */
export type ExportState = 0 | 1;

export interface RecordedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly kind: SpanKind;
  readonly startTime: number;
  readonly endTime: number;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly events: readonly SpanEvent[];
  readonly status: { readonly code: StatusCode; readonly message?: string };
  readonly context: SpanContextInfo;
  readonly exported: ExportState;
}
