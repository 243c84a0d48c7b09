/** Settings → decisions, for the background, the page hook and Firefox's webRequest listener. */
import type { PropagationSettings } from '../propagation';
import { compilePatterns, decideMode, matchesAny } from './destination';
import { parseOrigin } from './origin';
import { parseOriginPattern, type OriginPattern } from './origin-pattern';
import { patternsOverlap } from './pattern-overlap';
import { DEFAULT_CONFIG, type Config, type TargetMode } from './schema';

interface CompiledConfig {
  readonly sites: readonly OriginPattern[];
  readonly networkTargets: readonly OriginPattern[];
  readonly pageTargets: readonly OriginPattern[];
}

/**
 * Configs are immutable values, so their parsed patterns are kept per object: Firefox asks for
 * every request, and re-parsing each pattern each time would be wasted work.
 */
const compiledConfigs = new WeakMap<Config, CompiledConfig>();

function compile(config: Config): CompiledConfig {
  let compiled = compiledConfigs.get(config);
  if (compiled === undefined) {
    const targetsIn = (mode: TargetMode) =>
      compilePatterns(config.targets.filter((t) => t.mode === mode).map((t) => t.match));
    compiled = {
      sites: compilePatterns(config.sites),
      networkTargets: targetsIn('network'),
      pageTargets: targetsIn('page'),
    };
    compiledConfigs.set(config, compiled);
  }
  return compiled;
}

/**
 * True when the global switch is on and a `sites` pattern matches the page. `pageOrigin` may be an
 * origin or any absolute http(s) URL of the page; anything else (opaque "null", about:, file:)
 * is never enabled.
 */
export function isSiteEnabled(config: Config, pageOrigin: string): boolean {
  if (!config.enabled) return false;
  const page = parseOrigin(pageOrigin);
  return page !== null && matchesAny(compile(config).sites, page);
}

/**
 * How a request from the page to `requestUrl` gets headers on Chromium ('page': the page hook;
 * 'network': the tab's declarative rule), or null when it must get none: the switch is off, the
 * site is not enabled, the URL is not absolute http(s), or the destination is a third party.
 * Firefox injects for every non-null answer. `requestUrl` must be absolute: resolve relative URLs
 * against the document first.
 */
export function destinationMode(
  config: Config,
  pageOrigin: string,
  requestUrl: string,
): TargetMode | null {
  if (!config.enabled) return null;
  const page = parseOrigin(pageOrigin);
  if (page === null) return null;
  const compiled = compile(config);
  if (!matchesAny(compiled.sites, page)) return null;
  const destination = parseOrigin(requestUrl);
  if (destination === null) return null;
  return decideMode(page, destination, compiled.networkTargets, compiled.pageTargets);
}

/** The injector's settings (createInjector) for a config. */
export function propagationSettings(config: Config): PropagationSettings {
  const { propagators } = config;
  return {
    traceparent: propagators.traceparent,
    baggage: propagators.baggage,
    tracestate: propagators.tracestate,
    b3: propagators.b3,
    jaeger: propagators.jaeger,
    debug: propagators.debug,
    baggageEntries: config.baggage.map(({ key, value }) => ({ key, value })),
    sampling: { mode: config.sampling.mode, ratio: config.sampling.ratio },
    existingHeader: config.existingHeader,
  };
}

/**
 * Everything the page hook needs, and nothing more: the page is untrusted and sees all of it.
 * JSON-serializable, so it crosses the bridge as is.
 */
export interface HookSettings {
  /** False when the switch is off or the site is not enabled: the hook adds nothing. */
  readonly active: boolean;
  /** Origin patterns of the page-mode targets. */
  readonly pageTargets: readonly string[];
  /**
   * Origin patterns of the network-mode targets that share an origin with the page or with a
   * page-mode target. The declarative rule serves those, so the hook must leave them alone; the
   * others the hook would never touch anyway, and the page is not told of them.
   */
  readonly networkTargets: readonly string[];
  readonly propagation: PropagationSettings;
}

/** For pages that are not enabled: no targets, and default propagation without user baggage. */
const INACTIVE: HookSettings = {
  active: false,
  pageTargets: [],
  networkTargets: [],
  propagation: propagationSettings(DEFAULT_CONFIG),
};

/**
 * The hook's settings for a document of `pageOrigin` in a tab whose top-level document is of
 * `topOrigin`. A document that is not enabled learns nothing about the config. Neither does a
 * frame of another origin than the top-level page: the tab's declarative rules (the strip rule
 * that guards redirects) are made for the top-level page, so a hook in such a frame would inject
 * where nothing guards its headers (docs/ARCHITECTURE.md, "Frames").
 */
export function hookSettings(
  config: Config,
  pageOrigin: string,
  topOrigin: string = pageOrigin,
): HookSettings {
  const page = parseOrigin(pageOrigin);
  if (page === null || parseOrigin(topOrigin)?.origin !== page.origin) return INACTIVE;
  if (!isSiteEnabled(config, page.origin)) return INACTIVE;
  const pageTargets = config.targets.filter((t) => t.mode === 'page').map((t) => t.match);
  const ownOrigins = compilePatterns([page.origin, ...pageTargets]);
  const networkTargets = config.targets
    .filter((t) => t.mode === 'network')
    .map((t) => t.match)
    .filter((match) => {
      const pattern = parseOriginPattern(match);
      return typeof pattern !== 'string' && ownOrigins.some((o) => patternsOverlap(o, pattern));
    });
  return { active: true, pageTargets, networkTargets, propagation: propagationSettings(config) };
}
