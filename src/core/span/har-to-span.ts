/**
 * One finished request, as DevTools reports it (a HAR 1.2 entry with Chromium's extensions), to one
 * OpenTelemetry CLIENT span. Pure and total: a hostile or broken entry yields `invalid` with a
 * reason, never an exception (invariant 6), and nothing secret reaches the span (invariant 7).
 */
import { isValidSpanId, isValidTraceId } from '../propagation';
import { browserRequestAttributes, MAX_URL_LENGTH } from './browser-attributes';
import { correlate } from './correlate';
import { capturedHeaders, headerGetter, readHeaders } from './har-headers';
import {
  asObject,
  field,
  objectField,
  sizeField,
  stringField,
  truncate,
  type HarObject,
} from './har-read';
import { harTimeline } from './har-timings';
import {
  errorType,
  isKnownMethod,
  MAX_LABEL_LENGTH,
  OTHER_METHOD,
  OTHER_METHOD_SPAN_NAME,
  protocolVersion,
  responseStatus,
  serverOf,
  spanStatus,
  type Outcome,
} from './http-attributes';
import { parseIsoTime } from './iso-time';
import type { MapContext, MapResult } from './map-context';
import {
  SPAN_KIND_CLIENT,
  type AttributeValue,
  type RecordedSpan,
  type SpanContextInfo,
} from './model';
import { redactUrl } from './redact';
import { splitUrl } from './url-parts';
import { urlTemplate } from './url-template';

export type { ContextSource, MapContext, MapResult, PageViewContext } from './map-context';

export const ATTR_CONTEXT_SOURCE = 'browser.trace.context_source';
export const ATTR_CONTEXT_FORMAT = 'browser.trace.context_format';
export const ATTR_PAGE_VIEW_ID = 'browser.page_view.id';

function invalid(error: string): MapResult {
  return { kind: 'invalid', error };
}

/** A short, safe rendering of an unexpected value for an error message. */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(truncate(value, 40));
  if (value === null || Array.isArray(value)) return value === null ? 'null' : 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** The `context` of every span from this tab and page view, page URL redacted. */
export function spanContextInfo(
  ctx: Pick<MapContext, 'tabId' | 'pageViewId' | 'pageUrl' | 'sensitiveParams'>,
): SpanContextInfo {
  const pageUrl = typeof ctx.pageUrl === 'string' ? ctx.pageUrl : '';
  return {
    tabId: ctx.tabId,
    pageViewId: ctx.pageViewId,
    pageUrl: truncate(redactUrl(pageUrl, ctx.sensitiveParams), MAX_URL_LENGTH),
  };
}

function outcomeOf(response: HarObject | null): Outcome {
  const error = stringField(response, '_error');
  return {
    statusCode: responseStatus(field(response, 'status')),
    statusText: stringField(response, 'statusText'),
    error: error === '' ? undefined : error,
  };
}

/** Network attributes: protocol (from the response, else the request) and the peer's IP address. */
function networkAttributes(
  entry: HarObject,
  request: HarObject,
  response: HarObject | null,
  into: Record<string, AttributeValue>,
): void {
  const version =
    protocolVersion(stringField(response, 'httpVersion')) ??
    protocolVersion(stringField(request, 'httpVersion'));
  if (version !== undefined) {
    into['network.protocol.name'] = 'http';
    into['network.protocol.version'] = version;
  }
  // Chromium means to strip IPv6 brackets but its regex (/\[\]/g) matches only "[]", so they stay.
  const ip = stringField(entry, 'serverIPAddress')?.replace(/^\[(.*)\]$/, '$1');
  if (ip !== undefined && ip !== '') into['network.peer.address'] = truncate(ip, MAX_LABEL_LENGTH);
}

function mapEntry(raw: unknown, ctx: MapContext): MapResult {
  const entry = asObject(raw);
  if (entry === null) return invalid(`HAR entry is ${describe(raw)}, not an object`);
  const request = objectField(entry, 'request');
  if (request === null) return invalid('HAR entry has no request object');
  const url = stringField(request, 'url');
  if (url === undefined || url === '') return invalid('request.url is missing or not a string');
  const parts = splitUrl(url);
  // Error messages are shown and may be logged: they quote the URL redacted too.
  const quoted = () => describe(redactUrl(url, ctx.sensitiveParams));
  if (parts.scheme === '') return invalid(`request.url is not absolute: ${quoted()}`);
  if (parts.scheme !== 'http' && parts.scheme !== 'https') {
    return { kind: 'skipped', reason: `not an http(s) request (${truncate(parts.scheme, 32)}:)` };
  }
  const method = stringField(request, 'method');
  if (method === undefined || method === '') return invalid('request.method is missing');
  const startedDateTime = field(entry, 'startedDateTime');
  const start = parseIsoTime(startedDateTime);
  if (start === null) {
    return invalid(`startedDateTime ${describe(startedDateTime)} is not an ISO 8601 date-time`);
  }
  const server = serverOf(url, parts);
  if (server === null) return invalid(`request.url has no valid host and port: ${quoted()}`);

  const response = objectField(entry, 'response');
  const outcome = outcomeOf(response);
  const timings = objectField(entry, 'timings');
  const timeline = harTimeline(start, timings, field(entry, 'time'), outcome.statusCode !== null);
  const headers = readHeaders(field(request, 'headers'));
  const writesTraceparent = ctx.extensionWritesTraceparent ?? true;
  const views = [ctx.pageView, ...(ctx.earlierPageViews ?? [])];
  const identity = correlate(headerGetter(headers), views, ctx.random, writesTraceparent);
  const { traceId, spanId, parentSpanId } = identity;
  if (
    !isValidTraceId(traceId) ||
    !isValidSpanId(spanId) ||
    (parentSpanId !== undefined && !isValidSpanId(parentSpanId))
  ) {
    return invalid('the random source produced invalid span ids');
  }

  const known = isKnownMethod(method);
  const template = urlTemplate(url.slice(parts.pathStart, parts.pathEnd));
  const attributes: Record<string, AttributeValue> = {
    'http.request.method': known ? method : OTHER_METHOD,
  };
  if (!known) attributes['http.request.method_original'] = truncate(method, MAX_LABEL_LENGTH);
  attributes['url.full'] = truncate(redactUrl(url, ctx.sensitiveParams), MAX_URL_LENGTH);
  attributes['url.scheme'] = parts.scheme;
  attributes['url.template'] = template;
  attributes['server.address'] = server.address;
  attributes['server.port'] = server.port;
  if (outcome.statusCode !== null) attributes['http.response.status_code'] = outcome.statusCode;
  const error = errorType(outcome);
  if (error !== undefined) attributes['error.type'] = error;
  networkAttributes(entry, request, response, attributes);
  const requestBody = sizeField(request, 'bodySize');
  if (requestBody !== undefined) attributes['http.request.body.size'] = requestBody;
  // bodySize is the bytes received (0 from a cache); Chromium reports -1 over HTTP/2 and junk such
  // as -260 on a preflight, and then the content size is the best there is. No response, no body.
  const responseBody =
    outcome.statusCode === null
      ? undefined
      : (sizeField(response, 'bodySize') ?? sizeField(objectField(response, 'content'), 'size'));
  if (responseBody !== undefined) attributes['http.response.body.size'] = responseBody;
  browserRequestAttributes(entry, response, ctx.sensitiveParams, attributes);
  attributes[ATTR_CONTEXT_SOURCE] = identity.source;
  if (identity.format !== undefined) attributes[ATTR_CONTEXT_FORMAT] = identity.format;
  if (typeof ctx.pageViewId === 'string' && ctx.pageViewId !== '') {
    attributes[ATTR_PAGE_VIEW_ID] = ctx.pageViewId;
  }
  capturedHeaders(headers, ctx.sensitiveParams, attributes);

  const span: RecordedSpan = {
    traceId,
    spanId,
    ...(parentSpanId === undefined ? {} : { parentSpanId }),
    name: `${known ? method : OTHER_METHOD_SPAN_NAME} ${template}`,
    kind: SPAN_KIND_CLIENT,
    startTime: start,
    endTime: timeline.endTime,
    attributes,
    events: timeline.events,
    status: spanStatus(outcome),
    context: spanContextInfo(ctx),
    exported: 0,
  };
  return { kind: 'span', span, source: identity.source };
}

/**
 * The CLIENT span for one HAR entry (docs/spans.md has the mapping field by field), `skipped` for a
 * request that is not http(s) (data:, blob:, extension and browser pages, WebSocket), or `invalid`
 * with a reason for an entry that cannot be read. Never throws: even a throwing getter or random
 * source becomes `invalid`, so one bad entry cannot stop the recorder.
 */
export function harEntryToSpan(entry: unknown, ctx: MapContext): MapResult {
  try {
    return mapEntry(entry, ctx);
  } catch (error) {
    return invalid(`could not read the HAR entry: ${truncate(errorReason(error), 200)}`);
  }
}

/** The message of whatever was thrown; reading it may throw too (a hostile getter), so guarded. */
function errorReason(error: unknown): string {
  try {
    const message: unknown = error instanceof Error ? error.message : error;
    return typeof message === 'string' ? message : describe(message);
  } catch {
    return 'an unreadable error';
  }
}
