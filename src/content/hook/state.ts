import { compileHookPolicy } from '../../core/config/hook-policy';
import type { HookSettings } from '../../core/config/policy';
import {
  createInjector,
  type HeaderGetter,
  type InjectResult,
  type RandomSource,
} from '../../core/propagation';

/** What the wrappers ask before each request; built once per settings change. */
export interface HookState {
  /** Settings have arrived at least once. */
  readonly received: boolean;
  /** Resolves when settings arrive, or after `timeoutMs`, whichever is first. */
  waitForSettings(timeoutMs: number): Promise<void>;
  /** The request to `url` would get headers. */
  allows(url: string): boolean;
  /** The header plan for one request, or null when it must go out untouched. */
  plan(url: string, existing: HeaderGetter): InjectResult | null;
  /** The header plan for a request the caller already found `allows`: the check is not repeated. */
  inject(existing: HeaderGetter): InjectResult | null;
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
): HookState {
  let active: Active | null = null;
  let received = false;
  let gaveUp = false;
  const waiters: (() => void)[] = [];

  return {
    get received() {
      return received;
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
    apply(settings) {
      if (settings.active) {
        const injector = createInjector(settings.propagation);
        active = {
          allows: compileHookPolicy(settings, pageOrigin),
          inject: (existing, rnd) => injector.inject(existing, rnd),
        };
      } else {
        active = null;
      }
      received = true;
      for (const wake of waiters.splice(0)) wake();
    },
  };
}
