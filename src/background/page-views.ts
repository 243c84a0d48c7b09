import { parseOrigin } from '../core/config/origin';
import type { Config } from '../core/config/schema';
import { RETIRED_VIEW_MS } from '../core/config/tab-rules';
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

interface Entry {
  readonly view: PageView;
  /** The rule slot, from which the view's session-rule ids are derived. */
  readonly slot: number;
  /** For a retired view, when its rules go (ms since the epoch). */
  readonly until?: number;
}

/** The shape in session storage; tests read `views` (test/support/extension-state.ts). */
interface Stored {
  readonly views: Record<string, PageView>;
  readonly slots: Record<string, number>;
  readonly retired?: readonly Entry[];
}

/**
 * The page-view context of each tab: one trace per top-level document, shared by the tab's
 * network-mode requests (declarative rules cannot vary per request). Rotated on each top-level
 * navigation, and kept in session storage so a service-worker restart keeps it. Each view holds a
 * small rule slot, from which its session-rule ids are derived.
 *
 * A view whose document the tab no longer shows (another site's page, a closed tab) is retired,
 * not dropped: its strip and allow rules and its slot stay for RETIRED_VIEW_MS (which says why),
 * for the requests that document still makes or left in flight. They name its page's host as
 * initiator, so the next document's requests are left alone, and frames of that host in it only
 * ever lose propagation headers.
 */
export class PageViews {
  #current = new Map<number, Entry>();
  #retired: Entry[] = [];

  constructor(
    private readonly random: RandomSource,
    private readonly now: () => number,
  ) {}

  async restore(): Promise<void> {
    const stored = (await readSession(SESSION_KEY)) as Stored | undefined;
    for (const view of Object.values(stored?.views ?? {})) {
      const slot = stored?.slots[String(view.tabId)];
      if (slot !== undefined) this.#current.set(view.tabId, { view, slot });
    }
    this.#retired = [...(stored?.retired ?? [])];
  }

  /** The view of the document the tab shows, if it is one of an enabled site. */
  get(tabId: number): PageView | null {
    return this.#current.get(tabId)?.view ?? null;
  }

  /**
   * Every view whose rules are in force, the retired ones included, with its rule slot. Retired
   * views past their time are dropped here.
   */
  all(): { view: PageView; slot: number; retired: boolean }[] {
    const now = this.now();
    const live = this.#retired.filter((e) => (e.until ?? 0) > now);
    if (live.length !== this.#retired.length) {
      this.#retired = live;
      this.#persist();
    }
    return [...this.#current.values(), ...live].map(({ view, slot, until }) => ({
      view,
      slot,
      retired: until !== undefined,
    }));
  }

  /** When the next retired view's rules go, or null when none is retired. */
  nextExpiry(): number | null {
    const times = this.#retired.map((e) => e.until ?? 0);
    return times.length === 0 ? null : Math.min(...times);
  }

  /**
   * A new top-level document: a new trace for the tab. The view of a document of another origin
   * is retired; one of the same origin hands its slot on, its rules already covering the old
   * document's requests.
   */
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
    const old = this.#current.get(tabId);
    const sameOrigin = old !== undefined && originOf(old.view.url) === originOf(url);
    if (old !== undefined && !sameOrigin) this.retire(tabId);
    this.#current.set(tabId, { view, slot: sameOrigin ? old.slot : this.#freeSlot() });
    this.#persist();
    return view;
  }

  /** The tab no longer shows the view's document, or is gone: its view is retired. */
  retire(tabId: number): void {
    const entry = this.#current.get(tabId);
    if (entry === undefined) return;
    this.#current.delete(tabId);
    this.#retired.push({ ...entry, until: this.now() + RETIRED_VIEW_MS });
    this.#persist();
  }

  /** The smallest slot no view holds, current or retired. */
  #freeSlot(): number {
    const taken = new Set([...this.#current.values(), ...this.#retired].map((e) => e.slot));
    let slot = 0;
    while (taken.has(slot)) slot += 1;
    return slot;
  }

  #persist(): void {
    const current = [...this.#current.values()];
    const stored: Stored = {
      views: Object.fromEntries(current.map((e) => [e.view.tabId, e.view])),
      slots: Object.fromEntries(current.map((e) => [e.view.tabId, e.slot])),
      retired: this.#retired,
    };
    void writeSession(SESSION_KEY, stored);
  }
}

function originOf(url: string): string | null {
  return parseOrigin(url)?.origin ?? null;
}
