/**
 * One span of an untrusted OTLP/JSON file as a RecordedSpan. Lenient where proto3 JSON allows
 * (left-out defaults, enum names as well as numbers, uppercase hex, int64 as number or string) and
 * strict where a stored span needs it (valid ids, a start time). A problem that only loses a part
 * (one attribute, one event) is reported and the span kept; one that leaves no usable span drops it.
 * Invariant 7 holds for imports too: URLs are redacted and credential headers never stored.
 */
import { truncate } from '../span/har-read';
import {
  SPAN_KIND_CLIENT,
  SPAN_KIND_INTERNAL,
  STATUS_ERROR,
  STATUS_UNSET,
  type RecordedSpan,
  type SpanKind,
} from '../span/model';
import {
  asObject,
  decodeAttributes,
  decodeEvents,
  MAX_IMPORTED_NAME_LENGTH,
  own,
  type SpanDecodeContext,
} from './json-decode-fields';
import { OTLP_STATUS_ERROR } from './json-types';
import { unixNanoToMs } from './unix-nano';

export type { DecodeIssue, SpanDecodeContext } from './json-decode-fields';

const PAGE_VIEW_ATTRIBUTE = 'browser.page_view.id';

const ZERO = /^0+$/;

/** Lowercase hex id of `length` digits, not all zero (W3C trace context), or null. */
function hexId(value: unknown, length: number): string | null {
  if (typeof value !== 'string' || value.length !== length || !/^[0-9a-fA-F]+$/.test(value)) {
    return null;
  }
  return ZERO.test(value) ? null : value.toLowerCase();
}

const KIND_NAMES = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];

/** SpanKind as a number or as its enum name (`SPAN_KIND_CLIENT`), or -1. */
function kindNumber(value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return Number.isInteger(value) ? value : -1;
  if (typeof value === 'string' && value.startsWith('SPAN_KIND_')) {
    return KIND_NAMES.indexOf(value.slice('SPAN_KIND_'.length));
  }
  return -1;
}

/**
 * INTERNAL or CLIENT, or null for a kind a stored span cannot hold. UNSPECIFIED is read as INTERNAL,
 * as the spec lets a receiver assume.
 */
function spanKind(value: unknown): SpanKind | null {
  const kind = kindNumber(value);
  if (kind === 0 || kind === 1) return SPAN_KIND_INTERNAL;
  return kind === 3 ? SPAN_KIND_CLIENT : null;
}

function describeKind(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? JSON.stringify(truncate(value, 40)) : typeof value;
}

function statusCode(value: unknown): number {
  if (typeof value === 'number') return value;
  return value === 'STATUS_CODE_ERROR' ? OTLP_STATUS_ERROR : 0;
}

/** The span at `path`, or null (with the reason reported) when it cannot be stored. */
export function decodeOtlpSpan(
  raw: unknown,
  path: string,
  ctx: SpanDecodeContext,
): RecordedSpan | null {
  const span = asObject(raw);
  if (span === null) return drop(ctx, path, 'is not an object');
  const traceId = hexId(own(span, 'traceId'), 32);
  if (traceId === null) return drop(ctx, `${path}.traceId`, 'is not 32 hex digits (not all 0)');
  const spanId = hexId(own(span, 'spanId'), 16);
  if (spanId === null) return drop(ctx, `${path}.spanId`, 'is not 16 hex digits (not all 0)');
  const kind = spanKind(own(span, 'kind'));
  if (kind === null) {
    const shown = describeKind(own(span, 'kind'));
    return drop(ctx, `${path}.kind`, `${shown}: only INTERNAL and CLIENT spans can be stored`);
  }
  const startTime = unixNanoToMs(own(span, 'startTimeUnixNano'));
  if (startTime === null || startTime === 0) {
    return drop(ctx, `${path}.startTimeUnixNano`, 'is not a time (decimal nanoseconds, not 0)');
  }
  let endTime = unixNanoToMs(own(span, 'endTimeUnixNano'));
  if (endTime === null || endTime < startTime) {
    ctx.report(`${path}.endTimeUnixNano`, 'is missing or before the start; the start is used');
    endTime = startTime;
  }

  const rawParent = own(span, 'parentSpanId');
  let parentSpanId: string | null = null;
  if (rawParent !== undefined && rawParent !== '') {
    parentSpanId = hexId(rawParent, 16);
    if (parentSpanId === null) {
      ctx.report(`${path}.parentSpanId`, 'is not 16 hex digits; the span is read as a root');
    }
  }
  const rawName = own(span, 'name');
  if (rawName !== undefined && typeof rawName !== 'string') {
    ctx.report(`${path}.name`, 'is not a string');
  }
  const name = typeof rawName === 'string' ? truncate(rawName, MAX_IMPORTED_NAME_LENGTH) : '';
  const attributes = decodeAttributes(own(span, 'attributes'), `${path}.attributes`, ctx);
  const events = decodeEvents(own(span, 'events'), `${path}.events`, ctx);
  const status = asObject(own(span, 'status'));
  const isError = status !== null && statusCode(own(status, 'code')) === OTLP_STATUS_ERROR;
  const message = status === null ? undefined : own(status, 'message');
  const pageView = attributes[PAGE_VIEW_ATTRIBUTE];

  return {
    traceId,
    spanId,
    ...(parentSpanId === null ? {} : { parentSpanId }),
    name,
    kind,
    startTime,
    endTime,
    attributes,
    events,
    // RecordedSpan has no OK: an explicit OK reads as UNSET, which the panel shows the same.
    status:
      isError && typeof message === 'string' && message !== ''
        ? { code: STATUS_ERROR, message: truncate(message, MAX_IMPORTED_NAME_LENGTH) }
        : { code: isError ? STATUS_ERROR : STATUS_UNSET },
    context: ctx.contextFor(typeof pageView === 'string' && pageView !== '' ? pageView : undefined),
    exported: ctx.exported,
  };
}

function drop(ctx: SpanDecodeContext, path: string, message: string): null {
  ctx.report(path, `${message}; the span is not imported`);
  return null;
}
