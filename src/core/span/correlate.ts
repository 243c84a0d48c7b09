/**
 * Which trace a client span joins, and with which ids (DESIGN §2 "Correlation"). The HAR entry holds
 * the request headers as sent, injected ones included, so the context is read back from them.
 */
import {
  EXTRACT_ORDER,
  extract,
  isValidSpanId,
  isValidTraceId,
  newIds,
  newSpanId,
  TRACE_FLAG_RANDOM,
  type HeaderGetter,
  type PropagationFormat,
  type RandomSource,
  type SpanContext,
} from '../propagation';
import type { ContextSource, PageViewContext } from './map-context';

export interface SpanIdentity {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly source: ContextSource;
  /** The header format the context was read from, when there was one. */
  readonly format?: PropagationFormat;
}

/**
 * Heuristic: was this context created by the extension, rather than by the page's own tracing?
 * The header does not say who set it. The extension sets the W3C Level 2 random flag (0x02) on
 * every traceparent it creates (composite.ts, page-views.ts), and OpenTelemetry JS and other
 * browser SDKs do not set it today: so a traceparent without the flag is the page's.
 * B3 and Jaeger have no such flag. When the extension writes traceparent (the default) every context
 * it creates has one, so a context found only in B3 or Jaeger is the page's; when its settings turn
 * traceparent off, its contexts are B3/Jaeger-only and one found there is taken as ours.
 * If page SDKs start setting the random flag, this is the one function to change.
 */
export function isExtensionContext(
  context: SpanContext,
  format: PropagationFormat,
  extensionWritesTraceparent: boolean,
): boolean {
  if (format === 'traceparent') return (context.traceFlags & TRACE_FLAG_RANDOM) !== 0;
  return !extensionWritesTraceparent;
}

/** The page view whose context this is; a view with corrupt ids is never matched or copied. */
function matchingPageView(
  views: readonly (PageViewContext | null)[],
  context: SpanContext,
): PageViewContext | null {
  for (const view of views) {
    if (view === null || !isValidTraceId(view.traceId) || !isValidSpanId(view.spanId)) continue;
    if (context.traceId === view.traceId && context.spanId === view.spanId) return view;
  }
  return null;
}

/**
 * The ids of the client span for a request with headers `get`:
 * - a page view's context (network mode; the current view or an earlier one of the tab): a new
 *   span, child of the page-view span;
 * - a context the extension created per request: that context's trace and, as span id, its
 *   parent-id, so the server span is the client span's child;
 * - a context the page's own tracing created: a new span, child of the header's span;
 * - no context: a new trace.
 */
export function correlate(
  get: HeaderGetter,
  pageViews: readonly (PageViewContext | null)[],
  random: RandomSource,
  extensionWritesTraceparent: boolean,
): SpanIdentity {
  const found = extract(get, EXTRACT_ORDER);
  if (found === null) {
    const { traceId, spanId } = newIds(random);
    return { traceId, spanId, source: 'none' };
  }
  const { context, format } = found;
  const view = matchingPageView(pageViews, context);
  if (view !== null) {
    return {
      traceId: view.traceId,
      spanId: newSpanId(random),
      parentSpanId: view.spanId,
      source: 'page-view',
      format,
    };
  }
  if (isExtensionContext(context, format, extensionWritesTraceparent)) {
    return { traceId: context.traceId, spanId: context.spanId, source: 'extension', format };
  }
  return {
    traceId: context.traceId,
    spanId: newSpanId(random),
    parentSpanId: context.spanId,
    source: 'page',
    format,
  };
}
