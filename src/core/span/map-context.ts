// Types of harEntryToSpan (har-to-span.ts), apart so correlation and the page-view span can share them.
import type { RandomSource } from '../propagation';
import type { RecordedSpan } from './model';

/** The background's network-mode page view of a tab (src/shared/messages.ts PageView has this shape). */
export interface PageViewContext {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceFlags: number;
  /** Top-level URL the page view started with (raw; redacted wherever it is stored). */
  readonly url: string;
  /** Epoch milliseconds. */
  readonly startedAt: number;
}

export interface MapContext {
  readonly tabId: number;
  readonly pageViewId: string;
  /** The inspected page's URL, raw: it is redacted here before it is stored. */
  readonly pageUrl: string;
  /** The background's page view of this tab, if any. */
  readonly pageView: PageViewContext | null;
  /**
   * Earlier page views of this tab: a request of an old document can finish after the next
   * navigation, still carrying the old page view's context.
   */
  readonly earlierPageViews?: readonly PageViewContext[];
  /** Settings `recording.sensitiveParams`. */
  readonly sensitiveParams: readonly string[];
  readonly random: RandomSource;
  /**
   * Settings `propagators.traceparent` (default true). With it off, the extension's own contexts
   * travel in B3 or Jaeger headers only, and a context with no traceparent is taken as ours; with
   * it on, such a context can only be the page's. See isExtensionContext.
   */
  readonly extensionWritesTraceparent?: boolean;
}

/**
 * Where a client span's context came from (attribute `browser.trace.context_source`):
 * - `extension`: a per-request context the extension injected (page hook, Firefox webRequest);
 * - `page`: a context the page's own tracing set: the client span is recorded as its child;
 * - `page-view`: the tab's shared network-mode context: the client span is the page view's child;
 * - `none`: no context: the client span starts a trace of its own.
 */
export type ContextSource = 'extension' | 'page' | 'page-view' | 'none';

export type MapResult =
  | { readonly kind: 'span'; readonly span: RecordedSpan; readonly source: ContextSource }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'invalid'; readonly error: string };
