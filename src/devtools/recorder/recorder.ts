import type { Config } from '../../core/config/schema';
import { newSpanId, type RandomSource } from '../../core/propagation';
import {
  harEntryToSpan,
  mergePageViewSpan,
  pageViewSpan,
  type PageViewContext,
} from '../../core/span';
import type { RecordedSpan } from '../../core/span/model';
import { RecentKeys } from './recent-keys';

export interface RecorderDeps {
  readonly tabId: number;
  readonly random: RandomSource;
  /** Where spans go to be written: the Batcher. */
  readonly batcher: { add(span: RecordedSpan): void };
  /** The background's page view of the tab (network mode), or null. */
  pageView(): Promise<PageViewContext | null>;
  /** The inspected page's URL, used until the first navigation is seen. */
  pageUrl(): Promise<string>;
  /** The settings in force (read on every entry, so a change applies to the next request). */
  settings(): Config;
  /**
   * The extension's own origin (`chrome-extension://<id>`). DevTools on one of its pages (the
   * panel opened as a tab, the popup) records nothing: it also sees the background's exports,
   * which would become spans to export, and so on.
   */
  readonly ownOrigin: string;
  onInvalid(error: string): void;
}

interface PageState {
  readonly url: string;
  readonly id: string;
  readonly view: PageViewContext | null;
}

/** Earlier page views whose late requests are still recognised. */
const EARLIER_VIEWS = 4;
/** Span keys remembered to catch a context carried by several requests (redirect hops). */
const RECENT_KEYS = 10_000;

/**
 * Turns the inspected tab's finished requests into spans. Entries are handled one after
 * another, so every span is attributed to the page view that was current when it finished.
 */
export class Recorder {
  #page: Promise<PageState>;
  #chain: Promise<void> = Promise.resolve();
  #earlier: PageViewContext[] = [];
  /** Page-view spans are widened as their requests arrive and rewritten (upsert by id). */
  #pageViewSpans = new Map<string, RecordedSpan>();
  #claimed = new RecentKeys(RECENT_KEYS);

  constructor(private readonly deps: RecorderDeps) {
    this.#page = this.#loadPage(deps.pageUrl());
  }

  /** A top-level navigation: a new page view (the background rotates its context first). */
  navigated(url: string): void {
    const previous = this.#page;
    this.#page = previous.then((page) => {
      if (page.view !== null) this.#earlier = [page.view, ...this.#earlier].slice(0, EARLIER_VIEWS);
      return this.#loadPage(Promise.resolve(url));
    });
  }

  /** One finished request, as DevTools reports it (untrusted shape: never throws). */
  record(entry: unknown): void {
    this.#chain = this.#chain
      .then(() => this.#record(entry))
      .catch((error: unknown) => {
        this.deps.onInvalid(error instanceof Error ? error.message : String(error));
      });
  }

  /** Resolves when every entry handed in so far has been queued for writing. */
  idle(): Promise<void> {
    return this.#chain;
  }

  async #record(entry: unknown): Promise<void> {
    const { recording: settings, propagators } = this.deps.settings();
    if (!settings.enabled) return;
    const page = await this.#page;
    if (page.url.startsWith(`${this.deps.ownOrigin}/`)) return;
    const result = harEntryToSpan(entry, {
      tabId: this.deps.tabId,
      pageViewId: page.id,
      pageUrl: page.url,
      pageView: page.view,
      earlierPageViews: this.#earlier,
      sensitiveParams: settings.sensitiveParams,
      random: this.deps.random,
      extensionWritesTraceparent: propagators.traceparent,
    });
    if (result.kind === 'invalid') {
      this.deps.onInvalid(result.error);
      return;
    }
    if (result.kind === 'skipped') return;
    this.deps.batcher.add(this.#unique(result.span, result.source));
    if (result.source === 'page-view') this.#widenPageView(result.span, page);
  }

  /**
   * A per-request context names the client span by its id. fetch keeps request headers across
   * redirects, so every hop carries the same one: the first hop keeps that id, later ones
   * become its children, and none overwrites another in the store.
   */
  #unique(span: RecordedSpan, source: string): RecordedSpan {
    if (source !== 'extension') return span;
    if (this.#claimed.add(`${span.traceId}:${span.spanId}`)) return span;
    return { ...span, spanId: newSpanId(this.deps.random), parentSpanId: span.spanId };
  }

  #widenPageView(span: RecordedSpan, page: PageState): void {
    const view = [page.view, ...this.#earlier].find((v) => v?.spanId === span.parentSpanId);
    if (!view) return;
    const settings = this.deps.settings().recording;
    const next = pageViewSpan(view, view.url, [span], {
      tabId: this.deps.tabId,
      pageViewId: view.spanId,
      sensitiveParams: settings.sensitiveParams,
    });
    const stored = this.#pageViewSpans.get(view.spanId);
    const merged = mergePageViewSpan(stored, next);
    if (merged === stored) return; // not widened: nothing new to write
    this.#pageViewSpans.set(view.spanId, merged);
    this.deps.batcher.add(merged);
  }

  async #loadPage(url: Promise<string>): Promise<PageState> {
    const [pageUrl, view] = await Promise.all([
      url.catch(() => ''),
      this.deps.pageView().catch(() => null),
    ]);
    // Without a background page view (site not enabled, Firefox), the recorder names its own.
    return { url: pageUrl, id: view?.spanId ?? newSpanId(this.deps.random), view };
  }
}
