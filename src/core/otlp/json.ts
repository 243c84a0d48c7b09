/**
 * RecordedSpan[] as an OTLP/JSON ExportTraceServiceRequest (OTLP spec, "OTLP/HTTP" and "JSON
 * Protobuf Encoding"): hex ids, integer enums, `*UnixNano` as decimal strings, lowerCamelCase keys,
 * and default values left out as proto3 JSON does (no empty parentSpanId, no empty status message).
 * The span's `context` and `exported` are the extension's own bookkeeping, not OTLP fields.
 */
import type { AttributeValue, RecordedSpan, SpanEvent } from '../span/model';
import { encodeAttributes } from './any-value';
import type {
  ExportTraceServiceRequest,
  OtlpEvent,
  OtlpScope,
  OtlpSpan,
  OtlpStatus,
} from './json-types';
import { msToUnixNano } from './unix-nano';

/** Who produced the spans: the resource (service.name, …) and the instrumentation scope. */
export interface OtlpExportMeta {
  readonly resource: Readonly<Record<string, AttributeValue>>;
  readonly scope: OtlpScope;
}

function encodeEvent(event: SpanEvent): OtlpEvent {
  return { timeUnixNano: msToUnixNano(event.time), name: event.name };
}

function encodeStatus(status: RecordedSpan['status']): OtlpStatus {
  const message = status.message;
  return message === undefined || message === ''
    ? { code: status.code }
    : { code: status.code, message };
}

export function encodeOtlpSpan(span: RecordedSpan): OtlpSpan {
  // Built in one literal with parentSpanId set last: a spread would copy through V8's slow path,
  // which took a fifth of the protobuf export's time.
  const encoded: { -readonly [K in keyof OtlpSpan]: OtlpSpan[K] } = {
    traceId: span.traceId,
    spanId: span.spanId,
    name: span.name,
    // RecordedSpan kinds are already OTLP's numbers (SPAN_KIND_INTERNAL = 1, SPAN_KIND_CLIENT = 3).
    kind: span.kind,
    startTimeUnixNano: msToUnixNano(span.startTime),
    endTimeUnixNano: msToUnixNano(span.endTime),
    attributes: encodeAttributes(span.attributes),
    events: span.events.map(encodeEvent),
    status: encodeStatus(span.status),
  };
  const parent = span.parentSpanId;
  if (parent !== undefined && parent !== '') encoded.parentSpanId = parent;
  return encoded;
}

function encodeScope(scope: OtlpScope): OtlpScope {
  return scope.version === undefined || scope.version === ''
    ? { name: scope.name }
    : { name: scope.name, version: scope.version };
}

/** One resource, one scope, every span in the given order. */
export function encodeOtlpJson(
  spans: readonly RecordedSpan[],
  meta: OtlpExportMeta,
): ExportTraceServiceRequest {
  return {
    resourceSpans: [
      {
        resource: { attributes: encodeAttributes(meta.resource) },
        scopeSpans: [{ scope: encodeScope(meta.scope), spans: spans.map(encodeOtlpSpan) }],
      },
    ],
  };
}

/** The request body as text, for POST /v1/traces with `application/json` or a download. */
export function otlpJsonText(spans: readonly RecordedSpan[], meta: OtlpExportMeta): string {
  return JSON.stringify(encodeOtlpJson(spans, meta));
}
