/**
 * The parts of an imported OTLP/JSON span that are lists (attributes, events): each element is
 * checked on its own, and a bad one is reported and left out without costing the span.
 * Invariant 7 holds for imports too: URL attributes are redacted as the recorder redacts url.full,
 * and credential headers are never stored, whatever the file holds.
 */
import { NEVER_CAPTURED_HEADERS } from '../span/har-headers';
import { truncate } from '../span/har-read';
import type { AttributeValue, ExportState, SpanContextInfo, SpanEvent } from '../span/model';
import { redactUrl } from '../span/redact';
import { decodeAnyValue } from './any-value';
import { unixNanoToMs } from './unix-nano';

/** Attributes kept per span: the OpenTelemetry SDKs' default attribute count limit. */
export const MAX_IMPORTED_ATTRIBUTES = 128;
/** Events kept per span: the SDKs' default event count limit. */
export const MAX_IMPORTED_EVENTS = 128;
/** Characters kept of a span name, event name or status message. */
export const MAX_IMPORTED_NAME_LENGTH = 1024;
/** Characters kept of a redacted URL attribute, as the recorder keeps url.full. */
const MAX_URL_LENGTH = 8192;

/** Attributes that hold a URL and are redacted like the recorder's url.full. */
const URL_ATTRIBUTES: ReadonlySet<string> = new Set(['url.full', 'http.url', 'url.original']);
const HEADER_ATTRIBUTE = /^http\.(?:request|response)\.header\.(.+)$/;

export interface DecodeIssue {
  /** Where in the file, e.g. `resourceSpans[0].scopeSpans[0].spans[3].traceId`. */
  readonly path: string;
  readonly message: string;
}

export interface SpanDecodeContext {
  readonly sensitiveParams: readonly string[];
  readonly exported: ExportState;
  /** The `context` of a span, by the page view it names (or the import's own). */
  readonly contextFor: (pageViewId: string | undefined) => SpanContextInfo;
  readonly report: (path: string, message: string) => void;
}

export type Json = Readonly<Record<string, unknown>>;

export function own(obj: Json, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

export function asObject(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : null;
}

export function decodeAttributes(
  raw: unknown,
  path: string,
  ctx: SpanDecodeContext,
): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  if (raw === undefined) return attributes;
  if (!Array.isArray(raw)) {
    ctx.report(path, 'is not an array');
    return attributes;
  }
  if (raw.length > MAX_IMPORTED_ATTRIBUTES) {
    ctx.report(path, `has ${raw.length} attributes; the first ${MAX_IMPORTED_ATTRIBUTES} are kept`);
  }
  const count = Math.min(raw.length, MAX_IMPORTED_ATTRIBUTES);
  for (let i = 0; i < count; i++) {
    const at = `${path}[${i}]`;
    const kv = asObject(raw[i]);
    const key = kv === null ? undefined : own(kv, 'key');
    if (kv === null || typeof key !== 'string' || key === '') {
      ctx.report(at, 'is not a { key, value } with a non-empty key');
      continue;
    }
    if (key === '__proto__') {
      // Assigned, it would set the prototype of the span's attributes instead of an attribute.
      ctx.report(at, '"__proto__" cannot be an attribute key');
      continue;
    }
    const header = HEADER_ATTRIBUTE.exec(key)?.[1];
    if (header !== undefined && NEVER_CAPTURED_HEADERS.has(header.toLowerCase())) {
      ctx.report(at, `${key} is not imported: credentials are never stored`);
      continue;
    }
    const decoded = decodeAnyValue(own(kv, 'value'));
    if (!decoded.ok) {
      ctx.report(`${at}.value`, decoded.error);
      continue;
    }
    const value = decoded.value;
    attributes[key] =
      URL_ATTRIBUTES.has(key) && typeof value === 'string'
        ? truncate(redactUrl(value, ctx.sensitiveParams), MAX_URL_LENGTH)
        : value;
  }
  return attributes;
}

export function decodeEvents(raw: unknown, path: string, ctx: SpanDecodeContext): SpanEvent[] {
  const events: SpanEvent[] = [];
  if (raw === undefined) return events;
  if (!Array.isArray(raw)) {
    ctx.report(path, 'is not an array');
    return events;
  }
  const count = Math.min(raw.length, MAX_IMPORTED_EVENTS);
  for (let i = 0; i < count; i++) {
    const event = asObject(raw[i]);
    const name = event === null ? undefined : own(event, 'name');
    const time = event === null ? null : unixNanoToMs(own(event, 'timeUnixNano'));
    if (typeof name !== 'string' || time === null) {
      ctx.report(`${path}[${i}]`, 'is not an event with a name and a timeUnixNano');
      continue;
    }
    events.push({ name: truncate(name, MAX_IMPORTED_NAME_LENGTH), time });
  }
  return events;
}
