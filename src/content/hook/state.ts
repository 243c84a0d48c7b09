import type { HookPlan } from '../../core/config/hook-plan';
import { hookMatches } from '../../core/config/hook-match';
import { fillTemplate } from '../../core/propagation/header-template';
import { UBERCTX_HEADER_PREFIX } from '../../core/propagation/headers';
import type { RandomSource } from '../../core/propagation/ids';
import type { PlannedHeaders } from '../../shared/page-channel';

/** Asks the extension to strip these uberctx names; resolves with the ones it now strips. */
export type Learn = (names: readonly string[]) => Promise<ReadonlySet<string>>;
/** Asks the bridge to plan around the page's own propagation headers; null: leave them be. */
export type AskPlan = (
  headers: readonly (readonly [string, string])[],
) => Promise<PlannedHeaders | null>;

/** What the wrappers ask before each request; built once per settings change. */
export interface HookState {
  /** Settings have arrived at least once. */
  readonly received: boolean;
  /** Settings have arrived and say this page is enabled. */
  readonly active: boolean;
  /** Resolves when settings arrive, or after `timeoutMs`, whichever is first. */
  waitForSettings(timeoutMs: number): Promise<void>;
  /** A request to `href` (serialized by the browser) gets headers. */
  allows(href: string): boolean;
  /** The headers of an allowed request that carries no propagation header of its own. */
  fresh(): Record<string, string>;
  /** The plan for an allowed request that does (lowercase names, values combined). */
  planAround(headers: readonly (readonly [string, string])[]): Promise<PlannedHeaders | null>;
  /**
   * Of the lowercase header names a page set, the `uberctx-*` ones the strip rules may not name
   * yet: neither configured keys nor names already learned.
   */
  unknownUberctx(names: Iterable<string>): string[];
  /** Has them named in the strip rules; resolves with those that are (the rest must be dropped). */
  learn(names: readonly string[]): Promise<ReadonlySet<string>>;
  apply(plan: HookPlan): void;
}

export function createHookState(
  random: RandomSource,
  setTimer: (fn: () => void, ms: number) => unknown,
  askToLearn: Learn,
  askPlan: AskPlan,
): HookState {
  let plan: HookPlan | null = null;
  let received = false;
  let gaveUp = false;
  const waiters: (() => void)[] = [];
  /** uberctx names the strip rules name: the configured keys', and those learned. */
  const stripped = new Set<string>();
  let configured: ReadonlySet<string> = new Set();

  return {
    get received() {
      return received;
    },
    get active() {
      return plan !== null;
    },
    waitForSettings(timeoutMs) {
      if (received || gaveUp) return Promise.resolve();
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimer(() => {
          // Settings that never came (unreadable storage): later requests stop waiting.
          gaveUp = true;
          resolve();
        }, timeoutMs);
      });
    },
    allows(href) {
      return plan !== null && hookMatches(plan.page, plan.network, href);
    },
    fresh() {
      return plan === null ? {} : fillTemplate(plan.template, random);
    },
    planAround(headers) {
      return plan === null ? Promise.resolve(null) : askPlan(headers);
    },
    unknownUberctx(names) {
      const unknown: string[] = [];
      for (const name of names) {
        if (!name.startsWith(UBERCTX_HEADER_PREFIX)) continue;
        if (!configured.has(name) && !stripped.has(name)) unknown.push(name);
      }
      return unknown;
    },
    async learn(names) {
      const known = await askToLearn(names);
      for (const name of known) stripped.add(name);
      return known;
    },
    apply(next) {
      plan = next.active ? next : null;
      configured = new Set(plan?.uberctx);
      received = true;
      for (const wake of waiters.splice(0)) wake();
    },
  };
}
