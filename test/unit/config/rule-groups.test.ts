import { describe, expect, test } from 'vitest';
import {
  buildRuleGroups,
  DEFAULT_CONFIG,
  GLOBAL_RULE_IDS,
  planRuleUpdates,
  regexFiltersOf,
  RULES_PER_TAB,
  TAB_ID_NONE,
  withoutRegexes,
  type Config,
  type DnrRule,
  type RuleGroup,
  type TabSlot,
} from '../../../src/core/config';
import { regexSources } from '../../../src/core/config/dnr-match';
import { MAX_SITES, MAX_TARGETS } from '../../../src/core/config/parse-lists';
import { applyRules, type ModelRequest } from './dnr-model';

const CONFIG: Config = {
  ...DEFAULT_CONFIG,
  sites: ['https://app.example.com'],
  targets: [
    { match: 'https://api.example.com', mode: 'network' },
    { match: 'https://cdn.example.com', mode: 'page' },
    { match: 'http://localhost:*', mode: 'network' },
  ],
  baggage: [{ key: 'user.id', value: '12345' }],
};

const TAB: TabSlot = {
  view: {
    tabId: 5,
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanId: '00f067aa0ba902b7',
    traceFlags: 3,
    url: 'https://app.example.com/dashboard',
  },
  slot: 0,
};
const PAGE_VIEW_PARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03';

/** What a page hook or a page SDK put on a request before the rules see it. */
const SENT = {
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  baggage: 'user.id=12345',
  'uberctx-user.id': '12345',
  'uberctx-page.own': 'x',
  accept: '*/*',
};

const allRules = (groups: readonly RuleGroup[]): DnrRule[] => groups.flatMap((g) => [...g.rules]);

function after(request: ModelRequest, groups = buildRuleGroups(CONFIG, [TAB])) {
  return applyRules(allRules(groups), request, SENT);
}

const page = 'https://app.example.com';

describe('the rule set, as Chrome would apply it', () => {
  test("a page's request to a third party loses every propagation header, even after a redirect", () => {
    const headers = after({ url: 'https://third.example.net/x', tabId: 5, initiator: page });
    expect(headers).toEqual({ accept: '*/*', 'uberctx-page.own': 'x' });
  });

  test('the uberctx name a page was seen to set is stripped once learned', () => {
    const groups = buildRuleGroups(CONFIG, [TAB], ['uberctx-page.own']);
    const headers = after({ url: 'https://third.example.net/', tabId: 5, initiator: page }, groups);
    expect(headers).toEqual({ accept: '*/*' });
  });

  test("the page's own origin and page-mode targets keep the hook's headers", () => {
    for (const url of ['https://app.example.com/api', 'https://cdn.example.com/lib.js']) {
      expect(after({ url, tabId: 5, initiator: page })).toEqual(SENT);
    }
  });

  test('a network-mode target gets the page-view context', () => {
    for (const url of ['https://api.example.com/users', 'http://localhost:3000/x']) {
      const headers = after({ url, tabId: 5, initiator: page });
      expect(headers.traceparent).toBe(PAGE_VIEW_PARENT);
    }
  });

  test('a widget frame of another site keeps its own headers and never gets the page view', () => {
    const widget = 'https://widget.example.org';
    for (const url of ['https://api.example.com/users', 'https://widget.example.org/track']) {
      expect(after({ url, tabId: 5, initiator: widget })).toEqual(SENT);
    }
  });

  test("an enabled site's service worker (no tab) is stripped toward third parties only", () => {
    const sw = { tabId: TAB_ID_NONE, initiator: page };
    expect(after({ ...sw, url: 'https://third.example.net/' }).traceparent).toBeUndefined();
    expect(after({ ...sw, url: 'https://third.example.net/' }).baggage).toBeUndefined();
    for (const url of [
      'https://app.example.com/',
      'https://api.example.com/',
      'http://localhost:1/',
    ]) {
      expect(after({ ...sw, url })).toEqual(SENT);
    }
  });

  test("another site's service worker is left exactly as it sent (invariant 2)", () => {
    const request = {
      tabId: TAB_ID_NONE,
      initiator: 'https://other.example',
      url: 'https://x.example/',
    };
    expect(after(request)).toEqual(SENT);
  });

  test('a tab that is not on an enabled site is untouched', () => {
    const request = {
      tabId: 9,
      initiator: 'https://other.example',
      url: 'https://third.example.net/',
    };
    expect(after(request)).toEqual(SENT);
  });

  test('a tab failed closed loses every propagation header, to its own origin too', () => {
    const groups = buildRuleGroups(CONFIG, [TAB]).map((g) =>
      g.tabId === 5 ? { ...g, rules: g.failClosed } : g,
    );
    for (const url of ['https://app.example.com/', 'https://api.example.com/']) {
      expect(after({ url, tabId: 5, initiator: page }, groups)).toEqual({
        accept: '*/*',
        'uberctx-page.own': 'x',
      });
    }
  });

  test('no page view: no rules at all, the shared ones included', () => {
    expect(allRules(buildRuleGroups(CONFIG, []))).toEqual([]);
    // The first enabled tab brings them back.
    const shared = buildRuleGroups(CONFIG, [TAB]).find((g) => g.key === 'shared');
    expect(shared?.rules.length).toBeGreaterThan(0);
  });

  test("injection off, or the site no longer enabled: the page's strip rule stays, nothing else", () => {
    for (const config of [
      { ...CONFIG, enabled: false },
      { ...CONFIG, sites: [] },
    ]) {
      const groups = buildRuleGroups(config, [TAB], ['uberctx-page.own']);
      expect(groups.find((g) => g.key === 'shared')?.rules).toEqual([]);
      // Its hook may still be writing: toward a third party, nothing of the page's goes.
      const request = { url: 'https://third.example.net/', tabId: 5, initiator: page };
      expect(after(request, groups)).toEqual({ accept: '*/*' });
      // Toward its own origin and elsewhere from other documents, requests are as sent.
      expect(after({ ...request, url: 'https://app.example.com/' }, groups)).toEqual(SENT);
      const widget = { ...request, initiator: 'https://widget.example' };
      expect(after(widget, groups)).toEqual(SENT);
    }
  });
});

describe('groups and their ids', () => {
  const tabs: TabSlot[] = [0, 1, 2].map((slot) => ({
    view: { ...TAB.view, tabId: 100 + slot },
    slot,
  }));

  test('tabs first, then the shared group; every rule id inside its own group range', () => {
    const groups = buildRuleGroups(CONFIG, tabs);
    expect(groups.map((g) => g.key)).toEqual(['tab:100', 'tab:101', 'tab:102', 'shared']);
    for (const group of groups) {
      for (const rule of [...group.rules, ...group.failClosed]) {
        expect(rule.id).toBeGreaterThanOrEqual(group.range.first);
        expect(rule.id).toBeLessThanOrEqual(group.range.last);
      }
    }
    const ranges = groups.map((g) => g.range).sort((a, b) => a.first - b.first);
    for (let i = 1; i < ranges.length; i++) {
      expect(ranges[i]?.first).toBeGreaterThan(ranges[i - 1]?.last ?? Infinity);
    }
  });

  test('50 sites and 50 targets fit their id blocks, with one regex per pattern at most', () => {
    const big: Config = {
      ...CONFIG,
      sites: Array.from(
        { length: MAX_SITES },
        (_, i) => `*://site-${String(i)}.internal.example.com`,
      ),
      targets: Array.from({ length: MAX_TARGETS }, (_, i) => ({
        match:
          i % 2 === 0
            ? `*://orders-service-${String(i)}.internal.example.com`
            : `http://svc-${String(i)}.local:*`,
        mode: 'network' as const,
      })),
    };
    const view = { ...TAB.view, url: 'https://site-0.internal.example.com/' };
    const groups = buildRuleGroups(big, [{ view, slot: 0 }]);
    const [tab, shared] = groups;
    // Every site and target condition has its allow rule, plus the tabless strip rule.
    expect(shared?.rules.length).toBe(1 + 2 * MAX_SITES + (2 * MAX_TARGETS) / 2 + MAX_TARGETS / 2);
    expect(shared?.rules.length).toBeLessThanOrEqual(GLOBAL_RULE_IDS);
    // strip + allow + a set rule per network target condition.
    expect(tab?.rules.length).toBe(2 + (2 * MAX_TARGETS) / 2 + MAX_TARGETS / 2);
    expect(tab?.rules.length).toBeLessThanOrEqual(RULES_PER_TAB);
    // Each regex comes from one pattern: no alternation of origins for RE2 to outgrow.
    const sources = regexSources([...big.sites, ...big.targets.map((t) => t.match)]);
    expect(regexFiltersOf(groups).every((regex) => sources.has(regex))).toBe(true);
    expect(regexFiltersOf(groups)).toHaveLength(MAX_TARGETS / 2);
  });

  test('the largest config the caps allow never runs out of ids', () => {
    const star = (n: number, p: string) =>
      Array.from({ length: n }, (_, i) => `*://${p}${String(i)}.example.com:8080`);
    const big: Config = {
      ...CONFIG,
      sites: star(MAX_SITES, 's'),
      targets: star(MAX_TARGETS, 't').map((match) => ({ match, mode: 'network' as const })),
    };
    const view = { ...TAB.view, url: 'http://s0.example.com:8080/' };
    const [tab, shared] = buildRuleGroups(big, [{ view, slot: 3 }]);
    expect(shared?.rules.length).toBe(1 + 2 * (MAX_SITES + MAX_TARGETS));
    expect(tab?.rules.length).toBe(2 + 2 * MAX_TARGETS);
  });
});

describe('planRuleUpdates', () => {
  const tabs = [TAB, { view: { ...TAB.view, tabId: 6 }, slot: 1 }];

  test('applied rules need no call; rules no group owns are orphans', () => {
    const groups = buildRuleGroups(CONFIG, tabs);
    const stale = { ...(groups[0]?.rules[0] as DnrRule), id: 999_999 };
    const plan = planRuleUpdates([...allRules(groups), stale], groups);
    expect(plan.orphanIds).toEqual([999_999]);
    for (const { diff } of plan.updates) expect(diff).toEqual({ removeRuleIds: [], addRules: [] });
  });

  test("a new page view changes its own tab's group and nothing else", () => {
    const before = buildRuleGroups(CONFIG, tabs);
    const rotated = [
      { ...TAB, view: { ...TAB.view, spanId: '1111111111111111' } },
      tabs[1] as TabSlot,
    ];
    const plan = planRuleUpdates(allRules(before), buildRuleGroups(CONFIG, rotated));
    const changed = plan.updates.filter((u) => u.diff.addRules.length > 0).map((u) => u.group.key);
    expect(changed).toEqual(['tab:5']);
  });

  test("a closed tab's rules are orphans", () => {
    const before = buildRuleGroups(CONFIG, tabs);
    const plan = planRuleUpdates(allRules(before), buildRuleGroups(CONFIG, [TAB]));
    expect(plan.orphanIds).toEqual(before[1]?.rules.map((r) => r.id).sort((a, b) => a - b));
  });
});

describe('withoutRegexes', () => {
  test('drops exactly the rules of an unsupported regex, in every group', () => {
    const groups = buildRuleGroups(CONFIG, [TAB]);
    const regex = '^http://localhost(?::[0-9]+)?/';
    expect(regexFiltersOf(groups)).toEqual([regex]);
    const kept = withoutRegexes(groups, new Set([regex]));
    expect(regexFiltersOf(kept)).toEqual([]);
    expect(allRules(kept)).toHaveLength(allRules(groups).length - 2); // its set and allow rules
  });
});
