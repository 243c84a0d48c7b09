/**
 * OTLP/JSON shapes for traces: the proto3 JSON mapping of opentelemetry-proto
 * (collector/trace/v1/trace_service.proto, trace/v1/trace.proto, common/v1/common.proto), with the
 * OTLP exceptions to it (OTLP spec, "JSON Protobuf Encoding"): trace and span ids are hex, not
 * base64; enums are integers; keys are lowerCamelCase. 64-bit integers are decimal strings.
 * Only the fields this extension writes or reads are listed.
 */

/** AnyValue: exactly one of these keys. */
export type OtlpAnyValue =
  | { readonly stringValue: string }
  | { readonly boolValue: boolean }
  /** int64: a decimal string in proto3 JSON. */
  | { readonly intValue: string }
  /** double: a number, or "NaN", "Infinity", "-Infinity" (proto3 JSON). */
  | { readonly doubleValue: number | 'NaN' | 'Infinity' | '-Infinity' }
  | { readonly arrayValue: { readonly values: readonly OtlpAnyValue[] } };

export interface OtlpKeyValue {
  readonly key: string;
  readonly value: OtlpAnyValue;
}

/** Span.SpanKind: SPAN_KIND_INTERNAL = 1, SPAN_KIND_CLIENT = 3 are the ones recorded here. */
export const OTLP_SPAN_KIND_UNSPECIFIED = 0;
export const OTLP_SPAN_KIND_INTERNAL = 1;
export const OTLP_SPAN_KIND_SERVER = 2;
export const OTLP_SPAN_KIND_CLIENT = 3;
export const OTLP_SPAN_KIND_PRODUCER = 4;
export const OTLP_SPAN_KIND_CONSUMER = 5;

/** Status.StatusCode. */
export const OTLP_STATUS_UNSET = 0;
export const OTLP_STATUS_OK = 1;
export const OTLP_STATUS_ERROR = 2;

export interface OtlpStatus {
  readonly code: number;
  readonly message?: string;
}

export interface OtlpEvent {
  readonly timeUnixNano: string;
  readonly name: string;
}

export interface OtlpSpan {
  /** 32 lowercase hex digits. */
  readonly traceId: string;
  /** 16 lowercase hex digits. */
  readonly spanId: string;
  /** Absent for a root span (proto3 JSON leaves out empty bytes). */
  readonly parentSpanId?: string;
  readonly name: string;
  readonly kind: number;
  readonly startTimeUnixNano: string;
  readonly endTimeUnixNano: string;
  readonly attributes: readonly OtlpKeyValue[];
  readonly events: readonly OtlpEvent[];
  readonly status: OtlpStatus;
}

export interface OtlpScope {
  readonly name: string;
  readonly version?: string;
}

export interface OtlpResource {
  readonly attributes: readonly OtlpKeyValue[];
}

export interface OtlpScopeSpans {
  readonly scope: OtlpScope;
  readonly spans: readonly OtlpSpan[];
}

export interface OtlpResourceSpans {
  readonly resource: OtlpResource;
  readonly scopeSpans: readonly OtlpScopeSpans[];
}

/** collector.trace.v1.ExportTraceServiceRequest, the body of POST /v1/traces. */
export interface ExportTraceServiceRequest {
  readonly resourceSpans: readonly OtlpResourceSpans[];
}
