/**
 * What the page hook gets: its settings precompiled by the bridge, on the extension side, once
 * per settings change. Pattern parsing, validation and the header formats stay there; the hook,
 * which every enabled page loads, keeps only a comparison over these lists (hook-match.ts) and a
 * fill-in of the header template (header-template.ts).
 */
import { compileHeaderTemplate } from '../propagation/header-template-compile';
import type { HeaderTemplate } from '../propagation/header-template';
import { UBERCTX_HEADER_PREFIX } from '../propagation/headers';
import { compilePatterns } from './destination';
import type { HookRule } from './hook-match';
import { DEFAULT_PORTS, parseOrigin, type OriginScheme } from './origin';
import type { OriginPattern } from './origin-pattern';
import type { HookSettings } from './policy';

export interface HookPlan {
  /** False when the switch is off or the site is not enabled: the hook adds nothing. */
  readonly active: boolean;
  /** The page's own origin and the page-mode targets. */
  readonly page: readonly HookRule[];
  /** Network-mode targets the hook must leave to the declarative rule (HookSettings). */
  readonly network: readonly HookRule[];
  /** The headers of a request that has none of its own. */
  readonly template: HeaderTemplate;
  /** uberctx-* names of the configured baggage keys, which the strip rules always name. */
  readonly uberctx: readonly string[];
}

const SCHEMES: readonly OriginScheme[] = ['http', 'https'];

const INACTIVE_PLAN: HookPlan = {
  active: false,
  page: [],
  network: [],
  template: { sampleBound: 0, sampled: [], unsampled: [] },
  uberctx: [],
};

/** One rule per scheme the pattern names, with the port as a serialized URL spells it. */
function rules(patterns: readonly OriginPattern[]): HookRule[] {
  const out: HookRule[] = [];
  for (const { scheme, host, port } of patterns) {
    for (const s of SCHEMES) {
      if (scheme !== '*' && scheme !== s) continue;
      // `*://h:443` names https://h (no port in the URL) as well as http://h:443.
      const spelled = port === null || port === DEFAULT_PORTS[s] ? '' : String(port);
      out.push([s, host, spelled]);
    }
  }
  return out;
}

/** Where the hook writes headers, or null when nowhere (inactive, or an opaque page origin). */
export function hookDestinations(
  settings: HookSettings,
  pageOrigin: string,
): Pick<HookPlan, 'page' | 'network'> | null {
  const page = settings.active ? parseOrigin(pageOrigin) : null;
  if (page === null) return null;
  const pagePort = page.port === DEFAULT_PORTS[page.scheme] ? '' : String(page.port);
  return {
    page: [[page.scheme, page.host, pagePort], ...rules(compilePatterns(settings.pageTargets))],
    network: rules(compilePatterns(settings.networkTargets)),
  };
}

export function compileHookPlan(settings: HookSettings, pageOrigin: string): HookPlan {
  const destinations = hookDestinations(settings, pageOrigin);
  if (destinations === null) return INACTIVE_PLAN;
  const { propagation } = settings;
  return {
    active: true,
    ...destinations,
    template: compileHeaderTemplate(propagation),
    uberctx: propagation.baggageEntries.map(({ key }) => UBERCTX_HEADER_PREFIX + key.toLowerCase()),
  };
}
