/**
 * How a full span sits inside a chunk record: as its JSON text when JSON gives it back exactly,
 * else as the object itself. A chunk of strings costs IndexedDB little more than a copy of its
 * bytes to clone and read, and a query decodes only the spans it returns; a chunk of objects
 * would be rebuilt field by field on every read (docs/storage.md). JSON is not exact for
 * everything structured clone keeps (NaN, ±Infinity, -0, undefined members, class instances),
 * so those few spans stay objects and lose nothing.
 */
import type { ExportState, RecordedSpan } from './model';

export type EncodedSpan = string | RecordedSpan;

/** Deeper values are kept as objects rather than walked: no span of ours comes close. */
const MAX_JSON_DEPTH = 32;

export function encodeSpan(span: RecordedSpan): EncodedSpan {
  return isJsonExact(span, 0) ? JSON.stringify(span) : span;
}

/**
 * The stored span with its current export state. The store keeps that state beside the span
 * (so marking a span exported rewrites a small record, not the chunk), and it wins over the
 * `exported` written inside.
 */
export function decodeSpan(encoded: EncodedSpan, exported: ExportState): RecordedSpan {
  const span: RecordedSpan = typeof encoded === 'string' ? parse(encoded) : encoded;
  return span.exported === exported ? span : { ...span, exported };
}

/**
 * About how many bytes the span takes: its JSON length, which is also roughly its size in an
 * OTLP/JSON body. The exporter bounds its batches by it.
 */
export function encodedSize(encoded: EncodedSpan): number {
  if (typeof encoded === 'string') return encoded.length;
  try {
    return JSON.stringify(encoded).length;
  } catch {
    // A BigInt or a cycle: the span was cloneable, so it is stored; its size is a guess.
    return 1024;
  }
}

/**
 * Why the store refuses `span`, or null. These are the fields the store files a span under: its
 * key, where it sorts, its export state and its page view. IndexedDB would store a span without
 * them, but out of the order every query and retention walk: kept forever, never exported.
 */
export function unstorableBecause(span: unknown): string | null {
  if (typeof span !== 'object' || span === null) return 'is not an object';
  const { traceId, spanId, startTime, exported, context } = span as Record<string, unknown>;
  if (!isId(traceId)) return 'has no traceId';
  if (!isId(spanId)) return 'has no spanId';
  if (typeof startTime !== 'number' || !Number.isFinite(startTime))
    return 'has no finite startTime';
  if (exported !== 0 && exported !== 1) return 'has an exported flag other than 0 or 1';
  if (typeof context !== 'object' || context === null) return 'has no context';
  if (!isId((context as Record<string, unknown>)['pageViewId'])) return 'has no page view id';
  return null;
}

function isId(value: unknown): boolean {
  return typeof value === 'string' && value !== '';
}

function parse(text: string): RecordedSpan {
  return JSON.parse(text) as RecordedSpan;
}

/** True when `JSON.parse(JSON.stringify(value))` is deep-equal to `value`, -0 and holes included. */
export function isJsonExact(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object':
      if (value === null) return true;
      if (depth >= MAX_JSON_DEPTH) return false;
      return Array.isArray(value) ? isJsonArray(value, depth) : isJsonObject(value, depth);
    default:
      return false;
  }
}

function isJsonArray(value: readonly unknown[], depth: number): boolean {
  for (let i = 0; i < value.length; i++) {
    if (!(i in value) || !isJsonExact(value[i], depth + 1)) return false;
  }
  return true;
}

function isJsonObject(value: object, depth: number): boolean {
  // JSON.parse makes plain objects: anything else (Date, Map, typed arrays) comes back changed.
  // Without a prototype is plain enough: structured clone would give it Object's too.
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key of Object.keys(value)) {
    if (!isJsonExact((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}
