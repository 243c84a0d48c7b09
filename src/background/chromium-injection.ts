import { regexSources } from '../core/config/dnr-match';
import { parseOriginPattern, toMatchPattern } from '../core/config/origin-pattern';
import {
  buildRuleGroups,
  idsInRange,
  planRuleUpdates,
  withoutRegexes,
  type RuleGroup,
  type TabSlot,
} from '../core/config/rule-groups';
import type { Config } from '../core/config/schema';
import { regexProblem, sessionRules, updateSessionRules, type SessionRule } from '../platform/dnr';
import { registerPageScripts, type PageScripts } from '../platform/scripting';

/**
 * Chromium: page mode through the registered bridge + MAIN-world hook, network mode and header
 * stripping through declarativeNetRequest session rules. Every update is serialized, so two quick
 * changes cannot interleave their API calls. Each rule group (shared, then one per tab) is applied
 * on its own; a group Chrome refuses is replaced by its fail-closed rules and the reason is kept
 * for the popup.
 */
export class ChromiumInjection {
  #queue: Promise<unknown> = Promise.resolve();
  #lastMatches = '';
  /** regexFilter → why Chrome cannot compile it (null: it can); asked once per regex. */
  #regexChecks = new Map<string, string | null>();
  #ruleProblems: string[] = [];
  #tabProblems = new Map<number, string>();

  constructor(private readonly files: PageScripts) {}

  /** Why the settings are not fully in force as rules (an origin Chrome cannot match…). */
  get problems(): readonly string[] {
    return this.#ruleProblems;
  }

  /** Why a tab's rules were refused and its requests lose every trace header, or null. */
  tabProblem(tabId: number): string | null {
    return this.#tabProblems.get(tabId) ?? null;
  }

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

  /** Brings the session rules in line with the settings and the enabled tabs' page views. */
  syncRules(config: Config, tabs: readonly TabSlot[], learned: readonly string[]): Promise<void> {
    return this.#serial(async () => {
      const built = buildRuleGroups(config, tabs, learned);
      const sources = regexSources([...config.sites, ...config.targets.map((t) => t.match)]);
      // Every pattern's regex (those of the rules in force are among them), not only the rules':
      // with no enabled tab there are none, and a pattern Chrome cannot match is reported at once.
      const unsupported = await this.#unsupported([...sources.keys()]);
      this.#ruleProblems = [...unsupported].map(
        ([regex, reason]) =>
          `Chrome cannot match "${sources.get(regex) ?? regex}" in a request rule (${reason}), so requests to it get no trace headers. A narrower pattern (an exact host or port) avoids the regex.`,
      );
      const groups = withoutRegexes(built, new Set(unsupported.keys()));
      const current = await sessionRules();
      const plan = planRuleUpdates(current, groups);
      if (plan.orphanIds.length > 0) await updateSessionRules(plan.orphanIds, []);
      const live = new Set<number>();
      for (const { group, diff } of plan.updates) {
        if (group.tabId !== null) live.add(group.tabId);
        try {
          await updateSessionRules(diff.removeRuleIds, diff.addRules);
          this.#settle(group, null);
        } catch (error) {
          await this.#failClosed(group, current, error);
        }
      }
      for (const tabId of this.#tabProblems.keys()) {
        if (!live.has(tabId)) this.#tabProblems.delete(tabId);
      }
    });
  }

  /** The group's range holds its fail-closed rules instead; the reason is kept either way. */
  async #failClosed(group: RuleGroup, current: readonly SessionRule[], error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    try {
      await updateSessionRules(idsInRange(current, group.range), group.failClosed);
      this.#settle(group, reason);
    } catch (again) {
      const second = again instanceof Error ? again.message : String(again);
      this.#settle(group, `${reason}; removing its rules failed too (${second})`);
    }
  }

  #settle(group: RuleGroup, reason: string | null): void {
    if (group.tabId === null) {
      if (reason !== null) {
        this.#ruleProblems.push(
          `Chrome refused the shared request rules (${reason}), so requests to targets and from service workers lose their trace headers.`,
        );
      }
      return;
    }
    if (reason === null) this.#tabProblems.delete(group.tabId);
    else {
      this.#tabProblems.set(
        group.tabId,
        `Chrome refused this tab's request rules (${reason}), so every trace header is removed from its requests until they fit again.`,
      );
    }
  }

  async #unsupported(regexes: readonly string[]): Promise<Map<string, string>> {
    const unsupported = new Map<string, string>();
    for (const regex of regexes) {
      let problem = this.#regexChecks.get(regex);
      if (problem === undefined) {
        problem = await regexProblem(regex);
        this.#regexChecks.set(regex, problem);
      }
      if (problem !== null) unsupported.set(regex, problem);
    }
    return unsupported;
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
