/**
 * OTLP/HTTP protobuf bodies (`application/x-protobuf`): the ExportTraceServiceRequest of json.ts,
 * written with the field numbers of opentelemetry-proto (collector/trace/v1, trace/v1, common/v1,
 * resource/v1). Encoding from the JSON model keeps one set of value rules for both encodings.
 * proto3 defaults are left out, except inside AnyValue's oneof, where a set field is written even
 * when it is false, 0 or "".
 */
import type { ExportTraceServiceRequest, OtlpAnyValue, OtlpKeyValue, OtlpSpan } from './json-types';
import { ProtoWriter } from './proto-writer';

/** Bytes reserved for a span's length: spans with their attributes run to hundreds of bytes. */
const SPAN_LENGTH_BYTES = 2;
/** Bytes reserved for the ResourceSpans and ScopeSpans lengths: a batch runs to megabytes. */
const BATCH_LENGTH_BYTES = 4;
/** A first guess at a span's size, so the buffer rarely grows. */
const BYTES_PER_SPAN = 640;

function anyValue(out: ProtoWriter, no: number, value: OtlpAnyValue): void {
  const mark = out.begin(no);
  if ('stringValue' in value) out.string(1, value.stringValue);
  else if ('boolValue' in value) {
    out.key(2, 0);
    out.varint(value.boolValue ? 1 : 0);
  } else if ('intValue' in value) out.int64(3, value.intValue);
  else if ('doubleValue' in value) {
    const double = value.doubleValue;
    out.double(4, typeof double === 'number' ? double : Number(double));
  } else {
    const array = out.begin(5);
    for (const item of value.arrayValue.values) anyValue(out, 1, item);
    out.end(array);
  }
  out.end(mark);
}

function attributes(out: ProtoWriter, no: number, list: readonly OtlpKeyValue[]): void {
  for (const kv of list) {
    const mark = out.begin(no);
    if (kv.key !== '') out.string(1, kv.key);
    anyValue(out, 2, kv.value);
    out.end(mark);
  }
}

function span(out: ProtoWriter, span: OtlpSpan): void {
  const mark = out.begin(2, SPAN_LENGTH_BYTES);
  out.hexBytes(1, span.traceId);
  out.hexBytes(2, span.spanId);
  if (span.parentSpanId) out.hexBytes(4, span.parentSpanId);
  if (span.name !== '') out.string(5, span.name);
  if (span.kind) {
    out.key(6, 0);
    out.varint(span.kind);
  }
  out.fixed64(7, span.startTimeUnixNano);
  out.fixed64(8, span.endTimeUnixNano);
  attributes(out, 9, span.attributes);
  for (const event of span.events) {
    const eventMark = out.begin(11);
    out.fixed64(1, event.timeUnixNano);
    if (event.name !== '') out.string(2, event.name);
    out.end(eventMark);
  }
  const { message, code } = span.status;
  if (message || code) {
    const status = out.begin(15);
    if (message) out.string(2, message);
    if (code) {
      out.key(3, 0);
      out.varint(code);
    }
    out.end(status);
  }
  out.end(mark);
}

/** The protobuf body for `request`. */
export function encodeOtlpProtobuf(request: ExportTraceServiceRequest): Uint8Array {
  let spans = 0;
  for (const r of request.resourceSpans) for (const s of r.scopeSpans) spans += s.spans.length;
  const out = new ProtoWriter(1024 + spans * BYTES_PER_SPAN);
  for (const resourceSpans of request.resourceSpans) {
    const resourceSpansMark = out.begin(1, BATCH_LENGTH_BYTES);
    const resource = out.begin(1);
    attributes(out, 1, resourceSpans.resource.attributes);
    out.end(resource);
    for (const scopeSpans of resourceSpans.scopeSpans) {
      const scopeSpansMark = out.begin(2, BATCH_LENGTH_BYTES);
      const scope = out.begin(1);
      const { name, version } = scopeSpans.scope;
      if (name) out.string(1, name);
      if (version) out.string(2, version);
      out.end(scope);
      for (const s of scopeSpans.spans) span(out, s);
      out.end(scopeSpansMark);
    }
    out.end(resourceSpansMark);
  }
  return out.finish();
}
