/** The page hook's destination check as one function, for callers that hold HookSettings. */
import { hookMatches } from './hook-match';
import { hookDestinations } from './hook-plan';
import type { HookSettings } from './policy';

/** True when the hook should add headers to a request to this absolute URL. */
export type HookPolicy = (requestUrl: string) => boolean;

/**
 * Compiles the hook's lists once per settings change and returns the per-request check. The hook itself
 * only ever sees URLs the browser serialized; this one takes any text and serializes it as the
 * browser would (relative URLs are refused: resolve them against document.baseURI first).
 */
export function compileHookPolicy(settings: HookSettings, pageOrigin: string): HookPolicy {
  const plan = hookDestinations(settings, pageOrigin);
  if (plan === null) return () => false;
  return (requestUrl) => {
    let href: string;
    try {
      href = new URL(requestUrl).href;
    } catch {
      return false;
    }
    return hookMatches(plan.page, plan.network, href);
  };
}

/** One-off form of compileHookPolicy. */
export function hookAllows(
  settings: HookSettings,
  pageOrigin: string,
  requestUrl: string,
): boolean {
  return compileHookPolicy(settings, pageOrigin)(requestUrl);
}
