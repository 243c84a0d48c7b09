/**
 * OTLP/JSON against the official definitions: every key our encoder writes is a field of
 * opentelemetry-proto (loaded with protobufjs) with a value of that field's JSON form, the body
 * survives protobuf encoding with the same values, and it says what @opentelemetry/otlp-transformer's
 * JSON serializer says for the same spans.
 */
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import type protobuf from 'protobufjs';
import { describe, expect, test } from 'vitest';
import { encodeAnyValue } from '../../../src/core/otlp/any-value';
import { encodeOtlpJson, otlpJsonText } from '../../../src/core/otlp/json';
import { otlpProtos, protoType } from '../../support/otlp-protos';
import { readableSpans } from '../../support/readable-spans';
import { META, PAGE_VIEW, REQUEST } from './json-spans';

const REQUEST_TYPE = 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest';
const ID_FIELDS = new Set(['traceId', 'spanId', 'parentSpanId']);
const LONG_TYPES = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);
const NUMBER_TYPES = new Set([
  'int32',
  'uint32',
  'sint32',
  'fixed32',
  'sfixed32',
  'double',
  'float',
]);

/** Problems with `value` as the proto3 JSON (OTLP flavour) of message `type`. */
function protoProblems(value: unknown, type: protobuf.Type, path: string): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [`${path}: not an object`];
  const problems: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    const field = type.fields[key];
    if (field === undefined) {
      problems.push(`${path}.${key}: no such field in ${type.fullName}`);
      continue;
    }
    field.resolve();
    const items: unknown[] = field.repeated
      ? Array.isArray(item)
        ? item
        : [Symbol('not an array')]
      : [item];
    items.forEach((element, i) => {
      const at = field.repeated ? `${path}.${key}[${i}]` : `${path}.${key}`;
      const resolved = field.resolvedType;
      if (resolved !== null && 'fields' in resolved) {
        problems.push(...protoProblems(element, resolved, at));
      } else if (resolved !== null) {
        const values = Object.values(resolved.values);
        if (typeof element !== 'number' || !values.includes(element))
          problems.push(`${at}: not an enum number`);
      } else if (field.type === 'bytes') {
        if (
          !ID_FIELDS.has(key) ||
          typeof element !== 'string' ||
          !/^([0-9a-f]{2})+$/.test(element)
        ) {
          problems.push(`${at}: ids are lowercase hex in OTLP/JSON`);
        }
      } else if (LONG_TYPES.has(field.type)) {
        if (typeof element !== 'string' || !/^-?[0-9]+$/.test(element))
          problems.push(`${at}: 64-bit integers are decimal strings`);
      } else if (NUMBER_TYPES.has(field.type)) {
        if (
          typeof element !== 'number' &&
          !['NaN', 'Infinity', '-Infinity'].includes(element as string)
        )
          problems.push(`${at}: not a number`);
      } else if (field.type === 'string' && typeof element !== 'string')
        problems.push(`${at}: not a string`);
      else if (field.type === 'bool' && typeof element !== 'boolean')
        problems.push(`${at}: not a boolean`);
    });
  }
  for (const oneof of type.oneofsArray) {
    const set = oneof.fieldsArray.filter((f) => Object.hasOwn(value, f.name));
    if (set.length > 1) problems.push(`${path}: more than one of ${oneof.name}`);
  }
  return problems;
}

const hexToBase64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
const base64ToHex = (b64: string) => Buffer.from(b64, 'base64').toString('hex');

/** Ids between OTLP/JSON's hex and protobufjs's base64, everywhere in a request. */
function mapIds(value: unknown, convert: (id: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => mapIds(v, convert));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      ID_FIELDS.has(k) && typeof v === 'string' ? convert(v) : mapIds(v, convert),
    ]),
  );
}

const ZERO_DEFAULTS = new Set([
  'code',
  'droppedAttributesCount',
  'droppedEventsCount',
  'droppedLinksCount',
]);
const EMPTY_DEFAULTS = new Set([
  'message',
  'version',
  'schemaUrl',
  'parentSpanId',
  'traceState',
  'name',
]);

/**
 * Equal as protobuf messages: proto3 leaves out defaults (0, '', [], an empty message) outside
 * AnyValue's oneof, and int64 may be written as a number or a string.
 */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value)) {
    const item = key === 'intValue' ? String(raw) : normalize(raw);
    if (item === undefined || key === 'flags') continue;
    if (ZERO_DEFAULTS.has(key) && item === 0) continue;
    if (EMPTY_DEFAULTS.has(key) && item === '') continue;
    if (Array.isArray(item) && item.length === 0) continue;
    if (
      typeof item === 'object' &&
      item !== null &&
      !Array.isArray(item) &&
      Object.keys(item).length === 0 &&
      key === 'status'
    )
      continue;
    out[key] = item;
  }
  return out;
}

describe('encodeOtlpJson', () => {
  const body = encodeOtlpJson([PAGE_VIEW, REQUEST], META);

  test('the shape: hex ids, integer enums, decimal-string nanoseconds, AnyValues', () => {
    const [pageView, request] = body.resourceSpans[0]?.scopeSpans[0]?.spans ?? [];
    expect(body.resourceSpans[0]?.resource.attributes[0]).toEqual({
      key: 'service.name',
      value: { stringValue: 'browser' },
    });
    expect(body.resourceSpans[0]?.scopeSpans[0]?.scope).toEqual({
      name: 'trace-capture',
      version: '0.1.0',
    });
    expect(pageView).not.toHaveProperty('parentSpanId');
    expect(pageView).toMatchObject({
      kind: 1,
      status: { code: 0 },
      startTimeUnixNano: '1795366946824000000',
    });
    expect(request).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: 'b7ad6b7169203331',
      parentSpanId: '00f067aa0ba902b7',
      name: 'GET /users/{id}/orders',
      kind: 3,
      startTimeUnixNano: '1795366947324123047',
      endTimeUnixNano: '1795366947364250000',
      attributes: [
        { key: 'http.request.method', value: { stringValue: 'GET' } },
        {
          key: 'url.full',
          value: { stringValue: 'https://api.example.com/users/8123/orders?access_token=REDACTED' },
        },
        { key: 'server.port', value: { intValue: '443' } },
        { key: 'http.response.status_code', value: { intValue: '503' } },
        { key: 'browser.request.from_cache', value: { boolValue: false } },
        { key: 'browser.request.transfer_size', value: { intValue: '0' } },
        { key: 'x.ratio', value: { doubleValue: 0.25 } },
        {
          key: 'http.request.header.traceparent',
          value: {
            arrayValue: {
              values: [{ stringValue: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03' }],
            },
          },
        },
        { key: 'http.request.header.baggage', value: { arrayValue: { values: [] } } },
      ],
      events: [
        { timeUnixNano: '1795366947324123047', name: 'fetchStart' },
        { timeUnixNano: '1795366947364250000', name: 'responseEnd' },
      ],
      status: { code: 2, message: 'HTTP 503 Service Unavailable' },
    });
    expect(JSON.parse(otlpJsonText([PAGE_VIEW, REQUEST], META))).toEqual(body);
  });

  test('every key is a field of the official proto, with a value of its JSON form', () => {
    expect(protoProblems(body, protoType(REQUEST_TYPE), 'request')).toEqual([]);
    // The check can fail: a snake_case key, a number where a string belongs, base64 ids.
    const wrong = {
      resourceSpans: [
        {
          scope_spans: [],
          scopeSpans: [
            {
              spans: [
                { traceId: 'S/krNXeLTaajzpKdDg5HNg==', startTimeUnixNano: 1, kind: 'CLIENT' },
              ],
            },
          ],
        },
      ],
    };
    expect(protoProblems(wrong, protoType(REQUEST_TYPE), 'request')).toEqual([
      'request.resourceSpans[0].scope_spans: no such field in .opentelemetry.proto.trace.v1.ResourceSpans',
      'request.resourceSpans[0].scopeSpans[0].spans[0].traceId: ids are lowercase hex in OTLP/JSON',
      'request.resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano: 64-bit integers are decimal strings',
      'request.resourceSpans[0].scopeSpans[0].spans[0].kind: not an enum number',
    ]);
  });

  test('encodes to protobuf and back with the same values (protobufjs, official protos)', () => {
    otlpProtos().resolveAll();
    const type = protoType(REQUEST_TYPE);
    const message = type.fromObject(mapIds(body, hexToBase64) as Record<string, unknown>);
    const decoded = type.toObject(type.decode(type.encode(message).finish()), {
      longs: String,
      enums: Number,
      bytes: String,
    });
    expect(normalize(mapIds(decoded, base64ToHex))).toEqual(normalize(body));
  });

  test("matches @opentelemetry/otlp-transformer's JSON serializer for the same spans", () => {
    const bytes = JsonTraceSerializer.serializeRequest(readableSpans([PAGE_VIEW, REQUEST], META));
    const theirs: unknown = JSON.parse(new TextDecoder().decode(bytes));
    expect(normalize(body)).toEqual(normalize(theirs));
  });
});

describe('encodeAnyValue', () => {
  test.each([
    ['x', { stringValue: 'x' }],
    [true, { boolValue: true }],
    [-42, { intValue: '-42' }],
    [2 ** 53, { doubleValue: 2 ** 53 }],
    [1e21, { doubleValue: 1e21 }],
    [0.1, { doubleValue: 0.1 }],
    [NaN, { doubleValue: 'NaN' }],
    [-Infinity, { doubleValue: '-Infinity' }],
    [['a', 'b'], { arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }] } }],
  ])('%j', (value, expected) => {
    expect(encodeAnyValue(value)).toEqual(expected);
  });
});
