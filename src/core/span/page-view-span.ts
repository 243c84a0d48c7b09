/**
 * The page-view span: the parent of a tab's network-mode requests (DESIGN §2 "Correlation"). The
 * declarative rules sent its context in every such request, so it must be recorded and exported
 * with exactly that trace id and span id, or the trace would point at a span that never arrives.
 */
import { spanContextInfo } from './har-to-span';
import { MAX_URL_LENGTH } from './browser-attributes';
import { truncate } from './har-read';
import type { PageViewContext } from './map-context';
import { SPAN_KIND_INTERNAL, STATUS_UNSET, type AttributeValue, type RecordedSpan } from './model';
import { redactUrl } from './redact';
import { splitUrl, urlPath } from './url-parts';
import { urlTemplate } from './url-template';

/** Span names are `page_view {url.template}`, e.g. `page_view /users/{id}`: low-cardinality. */
export const PAGE_VIEW_SPAN_PREFIX = 'page_view';

export interface PageViewSpanContext {
  readonly tabId: number;
  readonly pageViewId: string;
  readonly sensitiveParams: readonly string[];
}

function isTime(t: unknown): t is number {
  return typeof t === 'number' && Number.isFinite(t) && t >= 0;
}

/**
 * The page-view span for `view`, covering its start and every request in `requests` that is its
 * child (same trace, parent = the page view's span id); other spans in the list are ignored, so the
 * recorder may pass a whole batch. `pageUrl` is the page's current URL, raw (view.url when empty).
 * start = min(view.startedAt, earliest child start); end = max(latest child end, start).
 */
export function pageViewSpan(
  view: PageViewContext,
  pageUrl: string,
  requests: readonly RecordedSpan[],
  ctx: PageViewSpanContext,
): RecordedSpan {
  const url =
    typeof pageUrl === 'string' && pageUrl !== ''
      ? pageUrl
      : typeof view.url === 'string'
        ? view.url
        : '';
  let start = isTime(view.startedAt) ? view.startedAt : Infinity;
  let end = -Infinity;
  for (const span of requests) {
    if (span.traceId !== view.traceId || span.parentSpanId !== view.spanId) continue;
    if (isTime(span.startTime)) start = Math.min(start, span.startTime);
    if (isTime(span.endTime)) end = Math.max(end, span.endTime);
  }
  if (start === Infinity) start = end === -Infinity ? 0 : end;
  end = Math.max(end, start);

  const template = urlTemplate(urlPath(url));
  const scheme = splitUrl(url).scheme;
  const attributes: Record<string, AttributeValue> = {
    'url.full': truncate(redactUrl(url, ctx.sensitiveParams), MAX_URL_LENGTH),
    ...(scheme === '' ? {} : { 'url.scheme': scheme }),
    'url.template': template,
    'browser.page_view.id': ctx.pageViewId,
  };
  return {
    traceId: view.traceId,
    spanId: view.spanId,
    name: `${PAGE_VIEW_SPAN_PREFIX} ${template}`,
    kind: SPAN_KIND_INTERNAL,
    startTime: start,
    endTime: end,
    attributes,
    events: [],
    status: { code: STATUS_UNSET },
    context: spanContextInfo({ ...ctx, pageUrl: url }),
    exported: 0,
  };
}

/**
 * The stored page-view span widened by `next` (the same page view, built from a later batch): the
 * earliest start and the latest end; name, attributes and context stay as first recorded. Returns
 * `existing` itself when nothing widened, so the recorder can skip the write; a widened span is
 * marked unexported (0) again, so the backend receives its final extent. A different span (another
 * page view) simply replaces it.
 */
export function mergePageViewSpan(
  existing: RecordedSpan | undefined,
  next: RecordedSpan,
): RecordedSpan {
  if (
    existing === undefined ||
    existing.traceId !== next.traceId ||
    existing.spanId !== next.spanId
  ) {
    return next;
  }
  const startTime = Math.min(existing.startTime, next.startTime);
  const endTime = Math.max(existing.endTime, next.endTime);
  if (startTime === existing.startTime && endTime === existing.endTime) return existing;
  return { ...existing, startTime, endTime, exported: 0 };
}
