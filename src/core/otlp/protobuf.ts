/**
 * OTLP/HTTP protobuf bodies (`application/x-protobuf`): the ExportTraceServiceRequest of json.ts,
 * written with the field numbers of opentelemetry-proto (collector/trace/v1, trace/v1, common/v1,
 * resource/v1). Encoding from the JSON model keeps one set of value rules for both encodings.
 * Messages are sized in a first pass (sizes kept in visiting order) and written in a second, so
 * the body is one exact buffer. proto3 defaults are left out, except inside AnyValue's oneof,
 * where a set field is written even when it is false, 0 or "".
 */
import type {
  ExportTraceServiceRequest,
  OtlpAnyValue,
  OtlpEvent,
  OtlpKeyValue,
  OtlpResourceSpans,
  OtlpScopeSpans,
  OtlpSpan,
} from './json-types';
import { delimitedSize, int64Size, keySize, ProtoWriter, utf8Size } from './proto-writer';

const FIXED64 = 8;

/** Message sizes in the order both passes visit the messages. */
type Sizes = number[];

function doubleOf(value: Extract<OtlpAnyValue, { doubleValue: unknown }>['doubleValue']): number {
  return typeof value === 'number' ? value : Number(value);
}

function anyValueSize(value: OtlpAnyValue, sizes: Sizes): number {
  if ('stringValue' in value) return delimitedSize(1, utf8Size(value.stringValue));
  if ('boolValue' in value) return keySize(2) + 1;
  if ('intValue' in value) return keySize(3) + int64Size(BigInt(value.intValue));
  if ('doubleValue' in value) return keySize(4) + FIXED64;
  const at = sizes.push(0) - 1;
  let array = 0;
  for (const item of value.arrayValue.values) array += delimitedSize(1, messageSize(item, sizes));
  sizes[at] = array;
  return delimitedSize(5, array);
}

/** Pushes the size of AnyValue `value` (itself a message) and returns it. */
function messageSize(value: OtlpAnyValue, sizes: Sizes): number {
  const at = sizes.push(0) - 1;
  const size = anyValueSize(value, sizes);
  sizes[at] = size;
  return size;
}

function keyValueSize(kv: OtlpKeyValue, sizes: Sizes): number {
  const at = sizes.push(0) - 1;
  const key = kv.key === '' ? 0 : delimitedSize(1, utf8Size(kv.key));
  const size = key + delimitedSize(2, messageSize(kv.value, sizes));
  sizes[at] = size;
  return size;
}

function attributesSize(no: number, attributes: readonly OtlpKeyValue[], sizes: Sizes): number {
  let size = 0;
  for (const kv of attributes) size += delimitedSize(no, keyValueSize(kv, sizes));
  return size;
}

function eventSize(event: OtlpEvent, sizes: Sizes): number {
  const at = sizes.push(0) - 1;
  const size =
    keySize(1) + FIXED64 + (event.name === '' ? 0 : delimitedSize(2, utf8Size(event.name)));
  sizes[at] = size;
  return size;
}

function statusSize(span: OtlpSpan): number {
  const { message, code } = span.status;
  return (message ? delimitedSize(2, utf8Size(message)) : 0) + (code ? keySize(3) + 1 : 0);
}

function spanSize(span: OtlpSpan, sizes: Sizes): number {
  const at = sizes.push(0) - 1;
  let size = delimitedSize(1, 16) + delimitedSize(2, 8);
  if (span.parentSpanId) size += delimitedSize(4, 8);
  if (span.name !== '') size += delimitedSize(5, utf8Size(span.name));
  if (span.kind) size += keySize(6) + 1;
  size += 2 * (keySize(7) + FIXED64);
  size += attributesSize(9, span.attributes, sizes);
  for (const event of span.events) size += delimitedSize(11, eventSize(event, sizes));
  const status = statusSize(span);
  if (status > 0) size += delimitedSize(15, status);
  sizes[at] = size;
  return size;
}

function scopeSpansSize(scopeSpans: OtlpScopeSpans, sizes: Sizes): number {
  const at = sizes.push(0) - 1;
  const { name, version } = scopeSpans.scope;
  const scope =
    (name ? delimitedSize(1, utf8Size(name)) : 0) +
    (version ? delimitedSize(2, utf8Size(version)) : 0);
  sizes.push(scope);
  let size = delimitedSize(1, scope);
  for (const span of scopeSpans.spans) size += delimitedSize(2, spanSize(span, sizes));
  sizes[at] = size;
  return size;
}

function resourceSpansSize(resourceSpans: OtlpResourceSpans, sizes: Sizes): number {
  const at = sizes.push(0) - 1;
  const resourceAt = sizes.push(0) - 1;
  const resource = attributesSize(1, resourceSpans.resource.attributes, sizes);
  sizes[resourceAt] = resource;
  let size = delimitedSize(1, resource);
  for (const scopeSpans of resourceSpans.scopeSpans) {
    size += delimitedSize(2, scopeSpansSize(scopeSpans, sizes));
  }
  sizes[at] = size;
  return size;
}

/** Writes in the order the size pass visited, taking each message's size from `sizes`. */
class Encoder {
  #next = 0;

  constructor(
    private readonly out: ProtoWriter,
    private readonly sizes: Sizes,
  ) {}

  #size(): number {
    return this.sizes[this.#next++] ?? 0;
  }

  anyValue(no: number, value: OtlpAnyValue): void {
    const out = this.out;
    out.delimited(no, this.#size());
    if ('stringValue' in value) out.string(1, value.stringValue);
    else if ('boolValue' in value) {
      out.key(2, 0);
      out.varint(value.boolValue ? 1 : 0);
    } else if ('intValue' in value) out.int64(3, BigInt(value.intValue));
    else if ('doubleValue' in value) out.double(4, doubleOf(value.doubleValue));
    else {
      out.delimited(5, this.#size());
      for (const item of value.arrayValue.values) this.anyValue(1, item);
    }
  }

  attributes(no: number, attributes: readonly OtlpKeyValue[]): void {
    for (const kv of attributes) {
      this.out.delimited(no, this.#size());
      if (kv.key !== '') this.out.string(1, kv.key);
      this.anyValue(2, kv.value);
    }
  }

  span(span: OtlpSpan): void {
    const out = this.out;
    out.delimited(2, this.#size());
    out.hexBytes(1, span.traceId);
    out.hexBytes(2, span.spanId);
    if (span.parentSpanId) out.hexBytes(4, span.parentSpanId);
    if (span.name !== '') out.string(5, span.name);
    if (span.kind) {
      out.key(6, 0);
      out.varint(span.kind);
    }
    out.fixed64(7, BigInt(span.startTimeUnixNano));
    out.fixed64(8, BigInt(span.endTimeUnixNano));
    this.attributes(9, span.attributes);
    for (const event of span.events) {
      out.delimited(11, this.#size());
      out.fixed64(1, BigInt(event.timeUnixNano));
      if (event.name !== '') out.string(2, event.name);
    }
    const status = statusSize(span);
    if (status > 0) {
      out.delimited(15, status);
      if (span.status.message) out.string(2, span.status.message);
      if (span.status.code) {
        out.key(3, 0);
        out.varint(span.status.code);
      }
    }
  }

  request(request: ExportTraceServiceRequest): void {
    const out = this.out;
    for (const resourceSpans of request.resourceSpans) {
      out.delimited(1, this.#size());
      out.delimited(1, this.#size()); // the Resource
      this.attributes(1, resourceSpans.resource.attributes);
      for (const scopeSpans of resourceSpans.scopeSpans) {
        out.delimited(2, this.#size());
        out.delimited(1, this.#size()); // the InstrumentationScope
        const { name, version } = scopeSpans.scope;
        if (name) out.string(1, name);
        if (version) out.string(2, version);
        for (const span of scopeSpans.spans) this.span(span);
      }
    }
  }
}

/** The protobuf body for `request`. */
export function encodeOtlpProtobuf(request: ExportTraceServiceRequest): Uint8Array {
  const sizes: Sizes = [];
  let total = 0;
  for (const resourceSpans of request.resourceSpans) {
    total += delimitedSize(1, resourceSpansSize(resourceSpans, sizes));
  }
  const out = new ProtoWriter(total);
  new Encoder(out, sizes).request(request);
  return out.bytes;
}
