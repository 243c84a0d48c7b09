/**
 * What every span made from hostile input must be before it reaches the store: well formed,
 * storable as is, and exported as OTLP/JSON that our own importer reads back to the same span.
 */
import { expect } from 'vitest';
import { encodeOtlpJson } from '../../../src/core/otlp/json';
import { decodeOtlpJson, type OtlpImportContext } from '../../../src/core/otlp/json-decode';
import type { RecordedSpan } from '../../../src/core/span/model';
import { decodeSpan, encodeSpan, unstorableBecause } from '../../../src/core/span/span-codec';

const TRACE_ID = /^(?!0+$)[0-9a-f]{32}$/;
const SPAN_ID = /^(?!0+$)[0-9a-f]{16}$/;

const META = { resource: { 'service.name': 'browser' }, scope: { name: 'fuzz', version: '0' } };

function isAttributeValue(value: unknown): boolean {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    (Array.isArray(value) && value.every((v) => typeof v === 'string'))
  );
}

export function expectWellFormedSpan(span: RecordedSpan): void {
  expect(span.traceId).toMatch(TRACE_ID);
  expect(span.spanId).toMatch(SPAN_ID);
  if (span.parentSpanId !== undefined) expect(span.parentSpanId).toMatch(SPAN_ID);
  expect([1, 3]).toContain(span.kind);
  expect(typeof span.name).toBe('string');
  expect(Number.isFinite(span.startTime) && span.startTime > 0).toBe(true);
  expect(Number.isFinite(span.endTime) && span.endTime >= span.startTime).toBe(true);
  // A key such as "__proto__" must be an attribute or nothing, never the object's prototype.
  expect(Object.getPrototypeOf(span.attributes)).toBe(Object.prototype);
  for (const [key, value] of Object.entries(span.attributes)) {
    expect(key).not.toBe('');
    expect(isAttributeValue(value), key).toBe(true);
  }
  for (const event of span.events) {
    expect(typeof event.name).toBe('string');
    expect(Number.isFinite(event.time)).toBe(true);
  }
  expect([0, 2]).toContain(span.status.code);
  expect(unstorableBecause(span)).toBeNull();
  expect(decodeSpan(encodeSpan(span), span.exported)).toEqual(span);
}

/**
 * The spans exported as one OTLP/JSON request and imported again under `ctx`: the same spans,
 * but for the import's bookkeeping (`context`, `exported`).
 */
export function expectOtlpRoundTrip(spans: readonly RecordedSpan[], ctx: OtlpImportContext): void {
  const text = JSON.stringify(encodeOtlpJson(spans, META));
  const back = decodeOtlpJson(text, ctx);
  expect(back.ok && back.issues).toEqual([]);
  const strip = ({ context: _c, exported: _e, ...rest }: RecordedSpan) => rest;
  expect(back.ok && back.spans.map(strip)).toEqual(spans.map(strip));
}
