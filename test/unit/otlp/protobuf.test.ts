import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { encodeOtlpJson, type OtlpExportMeta } from '../../../src/core/otlp/json';
import type { ExportTraceServiceRequest } from '../../../src/core/otlp/json-types';
import { encodeOtlpProtobuf } from '../../../src/core/otlp/protobuf';
import type { AttributeValue, RecordedSpan } from '../../../src/core/span/model';
import { protoType } from '../../support/otlp-protos';

const REQUEST = 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest';

const META: OtlpExportMeta = {
  resource: { 'service.name': 'browser', 'browser.mobile': false, 'process.pid': 0 },
  scope: { name: 'trace-capture', version: '0.1.0' },
};

const SPAN: RecordedSpan = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  parentSpanId: 'b7ad6b7169203331',
  name: 'GET /users/{id}',
  kind: 3,
  startTime: 1_764_576_000_123.456,
  endTime: 1_764_576_000_200.5,
  attributes: {
    'http.request.method': 'GET',
    'http.response.status_code': 404,
    'network.protocol.version': '1.1',
    'browser.transfer_size': 0,
    ratio: 0.25,
    cached: false,
    'http.request.header.baggage': ['user.id=1', 'é ✓ 𝄞'],
    empty: '',
  },
  events: [
    { name: 'fetchStart', time: 1_764_576_000_123.456 },
    { name: 'responseEnd', time: 1_764_576_000_200.5 },
  ],
  status: { code: 2, message: 'Not Found' },
  context: { tabId: 1, pageViewId: 'x', pageUrl: 'https://app/' },
  exported: 0,
};

/** The request as protobufjs reads it, in the JSON model's own terms (hex ids, string int64s). */
function decoded(bytes: Uint8Array): unknown {
  const type = protoType(REQUEST);
  const object = type.toObject(type.decode(bytes), {
    longs: String,
    bytes: String,
    defaults: false,
  });
  return JSON.parse(
    JSON.stringify(object, (key, value: unknown) =>
      typeof value === 'string' && ['traceId', 'spanId', 'parentSpanId'].includes(key)
        ? Buffer.from(value, 'base64').toString('hex')
        : value,
    ),
  );
}

/** What the decoder must give back: proto3 drops empty repeated fields; strings become well formed. */
function expected(request: ExportTraceServiceRequest): unknown {
  return JSON.parse(
    JSON.stringify(request, (key, value: unknown) => {
      if (Array.isArray(value) && value.length === 0) return undefined;
      // proto3 defaults are not on the wire: an empty span, event or scope name, or attribute key.
      if (value === '' && (key === 'name' || key === 'key')) return undefined;
      if (typeof value === 'string')
        return new TextDecoder().decode(new TextEncoder().encode(value));
      if (
        key === 'status' &&
        typeof value === 'object' &&
        value !== null &&
        Object.keys(value).length === 1 &&
        (value as { code?: number }).code === 0
      )
        return undefined;
      return value;
    }),
  );
}

describe('encodeOtlpProtobuf', () => {
  test('the official protos read back exactly the JSON model', () => {
    const request = encodeOtlpJson(
      [SPAN, { ...SPAN, spanId: '1111111111111111', parentSpanId: undefined as never }],
      META,
    );
    expect(decoded(encodeOtlpProtobuf(request))).toEqual(expected(request));
  });

  test('false, 0 and "" inside AnyValue are written (oneof presence)', () => {
    const body = encodeOtlpProtobuf(encodeOtlpJson([SPAN], META));
    const attrs = (
      decoded(body) as {
        resourceSpans: {
          scopeSpans: { spans: { attributes: { key: string; value: unknown }[] }[] }[];
        }[];
      }
    ).resourceSpans[0]?.scopeSpans[0]?.spans[0]?.attributes;
    expect(attrs?.find((a) => a.key === 'cached')?.value).toEqual({ boolValue: false });
    expect(attrs?.find((a) => a.key === 'browser.transfer_size')?.value).toEqual({ intValue: '0' });
    expect(attrs?.find((a) => a.key === 'empty')?.value).toEqual({ stringValue: '' });
  });

  test('lengths that outgrow their reserved prefix: a 20 KB attribute, a span of a few bytes', () => {
    const big: RecordedSpan = { ...SPAN, attributes: { 'url.full': 'x'.repeat(20_000) } };
    const tiny: RecordedSpan = {
      ...SPAN,
      name: '',
      attributes: {},
      events: [],
      status: { code: 0 },
    };
    const request = encodeOtlpJson([big, tiny, big], META);
    expect(decoded(encodeOtlpProtobuf(request))).toEqual(expected(request));
  });

  test('an empty request is an empty body', () => {
    expect(encodeOtlpProtobuf({ resourceSpans: [] })).toEqual(new Uint8Array());
  });

  test('random spans: the official protos read back exactly the JSON model', () => {
    const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${String(n)}}$`));
    const value: fc.Arbitrary<AttributeValue> = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.boolean(),
      fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 4 }),
    );
    const span = fc.record({
      traceId: hex(32),
      spanId: hex(16),
      name: fc.string({ unit: 'binary', maxLength: 40 }),
      kind: fc.constantFrom(1 as const, 3 as const),
      startTime: fc.double({ min: 1, max: 4e12, noNaN: true }),
      duration: fc.double({ min: 0, max: 1e6, noNaN: true }),
      attributes: fc.dictionary(fc.string({ maxLength: 20 }), value, { maxKeys: 8 }),
      events: fc.array(
        fc.record({
          name: fc.string({ maxLength: 12 }),
          time: fc.double({ min: 1, max: 4e12, noNaN: true }),
        }),
        { maxLength: 3 },
      ),
      status: fc.oneof(
        fc.constant({ code: 0 as const }),
        fc.record({ code: fc.constant(2 as const), message: fc.string() }),
      ),
    });
    fc.assert(
      fc.property(fc.array(span, { maxLength: 5 }), (list) => {
        const spans: RecordedSpan[] = list.map(({ duration, ...s }) => ({
          ...s,
          endTime: s.startTime + duration,
          context: { tabId: 1, pageViewId: 'p', pageUrl: '' },
          exported: 0,
        }));
        const request = encodeOtlpJson(spans, META);
        expect(decoded(encodeOtlpProtobuf(request))).toEqual(expected(request));
      }),
      { numRuns: 300 },
    );
  });
});
