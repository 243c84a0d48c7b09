import type { Config } from '../core/config/schema';
import {
  newIds,
  shouldSample,
  TRACE_FLAG_RANDOM,
  TRACE_FLAG_SAMPLED,
  type RandomSource,
} from '../core/propagation';
import { readSession, writeSession } from '../platform/storage';
import type { PageView } from '../shared/messages';

const SESSION_KEY = 'pageViews';

interface Stored {
  readonly views: Record<string, PageView>;
  readonly slots: Record<string, number>;
}

/**
 * The page-view context of each tab: one trace per top-level document, shared by the tab's
 * network-mode requests (declarative rules cannot vary per request). Rotated on each
 * top-level navigation, and kept in session storage so a service-worker restart keeps it.
 * Each tab also holds a small rule slot, from which its session-rule ids are derived.
 */
export class PageViews {
  #views = new Map<number, PageView>();
  #slots = new Map<number, number>();

  constructor(
    private readonly random: RandomSource,
    private readonly now: () => number,
  ) {}

  async restore(): Promise<void> {
    const stored = (await readSession(SESSION_KEY)) as Stored | undefined;
    for (const view of Object.values(stored?.views ?? {})) this.#views.set(view.tabId, view);
    for (const [tab, slot] of Object.entries(stored?.slots ?? {}))
      this.#slots.set(Number(tab), slot);
  }

  get(tabId: number): PageView | null {
    return this.#views.get(tabId) ?? null;
  }

  /** Every page view with its tab's rule slot (allocated when the view started). */
  all(): { view: PageView; slot: number }[] {
    return [...this.#views.values()].map((view) => ({ view, slot: this.#slotOf(view.tabId) }));
  }

  /** A new top-level document: a new trace for the tab. */
  rotate(tabId: number, url: string, config: Config): PageView {
    const { traceId, spanId } = newIds(this.random);
    const sampled =
      config.propagators.debug || shouldSample(traceId, config.sampling) ? TRACE_FLAG_SAMPLED : 0;
    const view: PageView = {
      tabId,
      traceId,
      spanId,
      traceFlags: sampled | TRACE_FLAG_RANDOM,
      url,
      startedAt: this.now(),
    };
    this.#views.set(tabId, view);
    this.#slotOf(tabId);
    this.#persist();
    return view;
  }

  forget(tabId: number): void {
    const had = this.#views.delete(tabId);
    if (this.#slots.delete(tabId) || had) this.#persist();
  }

  /** The tab's slot, or the smallest one no other tab holds. */
  #slotOf(tabId: number): number {
    const held = this.#slots.get(tabId);
    if (held !== undefined) return held;
    const taken = new Set(this.#slots.values());
    let slot = 0;
    while (taken.has(slot)) slot += 1;
    this.#slots.set(tabId, slot);
    this.#persist();
    return slot;
  }

  #persist(): void {
    const stored: Stored = {
      views: Object.fromEntries(this.#views),
      slots: Object.fromEntries(this.#slots),
    };
    void writeSession(SESSION_KEY, stored);
  }
}
