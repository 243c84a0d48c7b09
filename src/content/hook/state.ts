import { compileHookPolicy } from '../../core/config/hook-policy';
import type { HookSettings } from '../../core/config/policy';
import {
  createInjector,
  UBERCTX_HEADER_PREFIX,
  type HeaderGetter,
  type InjectResult,
  type RandomSource,
} from '../../core/propagation';

/** Asks the extension to strip these uberctx names; resolves with the ones it now strips. */
export type Learn = (names: readonly string[]) => Promise<ReadonlySet<string>>;

/** What the wrappers ask before each request; built once per settings change. */
export interface HookState {
  /** Settings have arrived at least once. */
  readonly received: boolean;
  /** Settings have arrived and say this page is enabled. */
  readonly active: boolean;
  /** Resolves when settings arrive, or after `timeoutMs`, whichever is first. */
  waitForSettings(timeoutMs: number): Promise<void>;
  /** The request to `url` would get headers. */
  allows(url: string): boolean;
  /** The header plan for one request, or null when it must go out untouched. */
  plan(url: string, existing: HeaderGetter): InjectResult | null;
  /** The header plan for a request the caller already found `allows`: the check is not repeated. */
  inject(existing: HeaderGetter): InjectResult | null;
  /**
   * Of the lowercase header names a page set, the `uberctx-*` ones the strip rules may not name
   * yet: neither configured keys nor names already learned.
   */
  unknownUberctx(names: Iterable<string>): string[];
  /** Has them named in the strip rules; resolves with those that are (the rest must be dropped). */
  learn(names: readonly string[]): Promise<ReadonlySet<string>>;
  apply(settings: HookSettings): void;
}

interface Active {
  readonly allows: (url: string) => boolean;
  inject(existing: HeaderGetter, random: RandomSource): InjectResult;
}

export function createHookState(
  pageOrigin: string,
  random: RandomSource,
  setTimer: (fn: () => void, ms: number) => unknown,
  askToLearn: Learn,
): HookState {
  let active: Active | null = null;
  let received = false;
  let gaveUp = false;
  const waiters: (() => void)[] = [];
  /** uberctx names the strip rules name: the configured keys', and those learned. */
  const stripped = new Set<string>();
  const configured = new Set<string>();

  return {
    get received() {
      return received;
    },
    get active() {
      return active !== null;
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
    allows(url) {
      return active !== null && active.allows(url);
    },
    plan(url, existing) {
      if (active === null || !active.allows(url)) return null;
      return active.inject(existing, random);
    },
    inject(existing) {
      return active === null ? null : active.inject(existing, random);
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
    apply(settings) {
      configured.clear();
      if (settings.active) {
        const injector = createInjector(settings.propagation);
        active = {
          allows: compileHookPolicy(settings, pageOrigin),
          inject: (existing, rnd) => injector.inject(existing, rnd),
        };
        for (const { key } of settings.propagation.baggageEntries) {
          configured.add(UBERCTX_HEADER_PREFIX + key.toLowerCase());
        }
      } else {
        active = null;
      }
      received = true;
      for (const wake of waiters.splice(0)) wake();
    },
  };
}
