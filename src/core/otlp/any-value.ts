/**
 * Span attributes as OTLP AnyValue (common/v1/common.proto) and back. RecordedSpan attributes are
 * strings, numbers, booleans and string arrays (the HTTP semantic conventions' header attributes);
 * OTLP distinguishes int64 from double, so a whole number is an intValue and any other number a
 * doubleValue, as @opentelemetry/otlp-transformer decides it.
 */
import type { AttributeValue } from '../span/model';
import type { OtlpAnyValue, OtlpKeyValue } from './json-types';

/** Characters kept of a decoded string value: the recorder's own cap on stored values. */
export const MAX_DECODED_STRING_LENGTH = 8192;
/** Elements kept of a decoded array value. */
export const MAX_DECODED_ARRAY_VALUES = 128;

export function encodeAnyValue(value: AttributeValue): OtlpAnyValue {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') {
    // int64 only when exact: a larger whole number (1e20) is not an int64 but is a double.
    if (Number.isSafeInteger(value)) return { intValue: String(value) };
    if (Number.isNaN(value)) return { doubleValue: 'NaN' };
    if (!Number.isFinite(value)) return { doubleValue: value > 0 ? 'Infinity' : '-Infinity' };
    return { doubleValue: value };
  }
  return { arrayValue: { values: value.map((item) => ({ stringValue: item })) } };
}

/** Every attribute, in insertion order (as the OpenTelemetry JS SDK writes them). */
export function encodeAttributes(
  attributes: Readonly<Record<string, AttributeValue>>,
): OtlpKeyValue[] {
  return Object.keys(attributes).map((key) => ({
    key,
    value: encodeAnyValue(attributes[key] as AttributeValue),
  }));
}

export type DecodedValue =
  | { readonly ok: true; readonly value: AttributeValue }
  | { readonly ok: false; readonly error: string };

function ok(value: AttributeValue): DecodedValue {
  return { ok: true, value };
}

function fail(error: string): DecodedValue {
  return { ok: false, error };
}

function own(obj: object, key: string): unknown {
  return Object.hasOwn(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
}

const INT64 = /^-?[0-9]{1,19}$/;

function cut(s: string): string {
  return s.length > MAX_DECODED_STRING_LENGTH ? s.slice(0, MAX_DECODED_STRING_LENGTH) : s;
}

/** A scalar AnyValue as a stored value; arrays are handled by decodeAnyValue. */
function decodeScalar(raw: object): DecodedValue {
  const string = own(raw, 'stringValue');
  if (string !== undefined) {
    return typeof string === 'string' ? ok(cut(string)) : fail('stringValue is not a string');
  }
  const bool = own(raw, 'boolValue');
  if (bool !== undefined) {
    return typeof bool === 'boolean' ? ok(bool) : fail('boolValue is not a boolean');
  }
  const int = own(raw, 'intValue');
  if (int !== undefined) {
    // proto3 JSON writes int64 as a string; encoders also write plain numbers, and both parse.
    if (typeof int === 'number' && Number.isInteger(int)) return ok(int);
    if (typeof int === 'string' && INT64.test(int)) return ok(Number(int));
    return fail('intValue is not an int64');
  }
  const double = own(raw, 'doubleValue');
  if (double !== undefined) {
    if (typeof double === 'number' && Number.isFinite(double)) return ok(double);
    // NaN and ±Infinity are valid doubles, but a stored span cannot keep them through JSON.
    return fail('doubleValue is not a finite number');
  }
  if (own(raw, 'kvlistValue') !== undefined) return fail('kvlistValue is not supported');
  if (own(raw, 'bytesValue') !== undefined) return fail('bytesValue is not supported');
  return fail('no stringValue, boolValue, intValue, doubleValue or arrayValue');
}

/**
 * One AnyValue from an untrusted OTLP/JSON file. An array of scalars becomes a string array (the
 * only array a stored span holds), each element written as text; nested arrays, kvlists and bytes
 * are refused with a reason. Never throws.
 */
export function decodeAnyValue(raw: unknown): DecodedValue {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail('is not an AnyValue object');
  }
  const array = own(raw, 'arrayValue');
  if (array === undefined) return decodeScalar(raw);
  const values: unknown =
    typeof array === 'object' && array !== null ? own(array, 'values') : undefined;
  // proto3 JSON leaves out an empty repeated field, so `{ arrayValue: {} }` is an empty array.
  if (values === undefined && typeof array === 'object' && array !== null) return ok([]);
  if (!Array.isArray(values)) return fail('arrayValue.values is not an array');
  const out: string[] = [];
  const count = Math.min(values.length, MAX_DECODED_ARRAY_VALUES);
  for (let i = 0; i < count; i++) {
    const item: unknown = values[i];
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      return fail(`arrayValue.values[${i}] is not an AnyValue object`);
    }
    if (own(item, 'arrayValue') !== undefined) {
      return fail(`arrayValue.values[${i}]: nested arrays are not supported`);
    }
    const element = decodeScalar(item);
    if (!element.ok) return fail(`arrayValue.values[${i}]: ${element.error}`);
    const text = element.value;
    out.push(cut(typeof text === 'string' ? text : String(text)));
  }
  return ok(out);
}
