import { buildTabRules } from '../core/config/tab-rules';
import { diffRules } from '../core/config/dnr';
import { parseOriginPattern, toMatchPattern } from '../core/config/origin-pattern';
import type { Config } from '../core/config/schema';
import { registerPageScripts, type PageScripts } from '../platform/scripting';
import { sessionRules, updateSessionRules } from '../platform/dnr';
import type { PageView } from '../shared/messages';

/**
 * Chromium: page mode through the registered bridge + MAIN-world hook, network mode through
 * per-tab declarativeNetRequest session rules. Every update is serialized, so two quick
 * changes cannot interleave their API calls.
 */
export class ChromiumInjection {
  #queue: Promise<unknown> = Promise.resolve();
  #lastMatches = '';

  constructor(private readonly files: PageScripts) {}

  /** Registers the page scripts for the enabled sites; re-registers only when they change. */
  syncScripts(config: Config): Promise<void> {
    const matches = config.enabled ? matchPatterns(config.sites) : [];
    const key = JSON.stringify(matches);
    return this.#serial(async () => {
      if (key === this.#lastMatches) return;
      await registerPageScripts(this.files, matches);
      this.#lastMatches = key;
    });
  }

  /** Brings the session rules in line with the page views of tabs on enabled sites. */
  syncRules(config: Config, views: readonly { view: PageView; slot: number }[]): Promise<void> {
    return this.#serial(async () => {
      const desired = views.flatMap(({ view, slot }) => buildTabRules(view, config, slot));
      const { removeRuleIds, addRules } = diffRules(await sessionRules(), desired);
      await updateSessionRules(removeRuleIds, addRules);
    });
  }

  #serial(task: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

function matchPatterns(sites: readonly string[]): string[] {
  const patterns = new Set<string>();
  for (const site of sites) {
    const parsed = parseOriginPattern(site);
    if (typeof parsed !== 'string') patterns.add(toMatchPattern(parsed));
  }
  return [...patterns].sort();
}
