/** The check the MAIN-world page hook runs on every fetch and XHR; kept small for the hook bundle. */
import { compilePatterns, decideMode } from './destination';
import type { HookSettings } from './policy';
import { parseOrigin } from './origin';

/** True when the hook should add headers to a request to this absolute URL. */
export type HookPolicy = (requestUrl: string) => boolean;

const NEVER: HookPolicy = () => false;

/**
 * Parses the patterns once per settings change and returns the per-request check. `requestUrl`
 * must be absolute (resolve it against document.baseURI first): relative URLs are refused.
 */
export function compileHookPolicy(settings: HookSettings, pageOrigin: string): HookPolicy {
  const page = settings.active ? parseOrigin(pageOrigin) : null;
  if (page === null) return NEVER;
  const pageTargets = compilePatterns(settings.pageTargets);
  const networkTargets = compilePatterns(settings.networkTargets);
  return (requestUrl) => {
    const destination = parseOrigin(requestUrl);
    return (
      destination !== null && decideMode(page, destination, networkTargets, pageTargets) === 'page'
    );
  };
}

/** One-off form of compileHookPolicy; the hook should compile once instead. */
export function hookAllows(
  settings: HookSettings,
  pageOrigin: string,
  requestUrl: string,
): boolean {
  return compileHookPolicy(settings, pageOrigin)(requestUrl);
}
