export type {
  AttributeValue,
  ExportState,
  RecordedSpan,
  SpanContextInfo,
  SpanEvent,
  SpanKind,
  StatusCode,
} from './model';
export { SPAN_KIND_CLIENT, SPAN_KIND_INTERNAL, STATUS_ERROR, STATUS_UNSET } from './model';
export type { ContextSource, MapContext, MapResult, PageViewContext } from './map-context';
export {
  ATTR_CONTEXT_FORMAT,
  ATTR_CONTEXT_SOURCE,
  ATTR_PAGE_VIEW_ID,
  harEntryToSpan,
  spanContextInfo,
} from './har-to-span';
export type { SpanIdentity } from './correlate';
export { correlate, isExtensionContext } from './correlate';
export type { PageViewSpanContext } from './page-view-span';
export { mergePageViewSpan, PAGE_VIEW_SPAN_PREFIX, pageViewSpan } from './page-view-span';
export { DEFAULT_SENSITIVE_PARAMS, isSensitiveParam, REDACTED, redactUrl } from './redact';
export { ID_PLACEHOLDER, isIdSegment, urlTemplate } from './url-template';
export type { UrlParts } from './url-parts';
export { splitUrl, urlPath } from './url-parts';
export { MAX_EPOCH_MS, parseIsoTime } from './iso-time';
export {
  EVENT_CONNECT_END,
  EVENT_CONNECT_START,
  EVENT_DOMAIN_LOOKUP_END,
  EVENT_DOMAIN_LOOKUP_START,
  EVENT_FETCH_START,
  EVENT_REQUEST_START,
  EVENT_RESPONSE_END,
  EVENT_RESPONSE_START,
  EVENT_SECURE_CONNECTION_START,
  MAX_DURATION_MS,
} from './har-timings';
export {
  ATTR_CACHE_SOURCE,
  ATTR_FROM_CACHE,
  ATTR_FROM_SERVICE_WORKER,
  ATTR_INITIATOR_TYPE,
  ATTR_INITIATOR_URL,
  ATTR_PRIORITY,
  ATTR_RESOURCE_TYPE,
  ATTR_TRANSFER_SIZE,
  MAX_URL_LENGTH,
} from './browser-attributes';
export { isCapturedHeader, NEVER_CAPTURED_HEADERS } from './har-headers';
