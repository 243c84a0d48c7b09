import { describe, expect, test } from 'vitest';
import {
  ALL_RESOURCE_TYPES,
  ALLOW_PRIORITY,
  buildTabRules,
  SET_PRIORITY,
  STRIP_PRIORITY,
  tabRuleIds,
  DEFAULT_CONFIG,
  diffRules,
  type Config,
  type DnrHeaderOperation,
  type DnrRule,
  type TabPageView,
} from '../../../src/core/config';

const CONFIG: Config = {
  ...DEFAULT_CONFIG,
  sites: ['https://app.example.com'],
  targets: [
    { match: 'https://api.example.com', mode: 'network' },
    { match: 'https://cdn.example.com', mode: 'page' },
  ],
  baggage: [{ key: 'user.id', value: '12345' }],
};

const VIEW: TabPageView = {
  tabId: 5,
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceFlags: 3,
  url: 'https://app.example.com/dashboard',
};

const SLOT = 7;
const [SET, ALLOW, STRIP] = [22, 23, 24]; // tabRuleIds(SLOT)

function byId(rules: readonly DnrRule[], id: number): DnrRule | undefined {
  return rules.find((r) => r.id === id);
}

function headerOps(rules: readonly DnrRule[]): readonly DnrHeaderOperation[] {
  const rule = byId(rules, SET);
  return rule?.action.type === 'modifyHeaders' ? rule.action.requestHeaders : [];
}

describe('buildTabRules', () => {
  test('set, allow and strip rules for a tab on an enabled site', () => {
    expect(tabRuleIds(SLOT)).toEqual({ set: SET, allow: ALLOW, strip: STRIP });
    const rules = buildTabRules(VIEW, CONFIG, SLOT);
    expect(rules.map((r) => [r.id, r.priority, r.action.type])).toEqual([
      [SET, SET_PRIORITY, 'modifyHeaders'],
      [ALLOW, ALLOW_PRIORITY, 'allow'],
      [STRIP, STRIP_PRIORITY, 'modifyHeaders'],
    ]);
    expect(SET_PRIORITY).toBeGreaterThan(ALLOW_PRIORITY);
    expect(ALLOW_PRIORITY).toBeGreaterThan(STRIP_PRIORITY);
    expect(byId(rules, SET)).toEqual({
      id: SET,
      priority: SET_PRIORITY,
      action: {
        type: 'modifyHeaders',
        requestHeaders: [
          { header: 'baggage', operation: 'set', value: 'user.id=12345' },
          {
            header: 'traceparent',
            operation: 'set',
            value: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03',
          },
          { header: 'tracestate', operation: 'remove' },
        ],
      },
      condition: {
        tabIds: [5],
        regexFilter: '^https://api\\.example\\.com(?::443)?/',
        resourceTypes: [...ALL_RESOURCE_TYPES],
      },
    });
  });

  test('the allow rule covers the page origin and every target, so strip leaves them alone', () => {
    const allow = byId(buildTabRules(VIEW, CONFIG, SLOT), ALLOW);
    const regex = new RegExp(allow?.condition.regexFilter ?? '$^');
    for (const url of [
      'https://app.example.com/x',
      'https://api.example.com/users',
      'https://cdn.example.com/lib.js',
    ]) {
      expect(regex.test(url), url).toBe(true);
    }
    for (const url of ['https://third.example.net/', 'https://api.example.com.evil.com/']) {
      expect(regex.test(url), url).toBe(false);
    }
  });

  test('the strip rule removes every propagation header on every other URL of the tab', () => {
    const strip = byId(buildTabRules(VIEW, CONFIG, SLOT), STRIP);
    expect(strip?.condition).toEqual({ tabIds: [5], resourceTypes: [...ALL_RESOURCE_TYPES] });
    const removed =
      strip?.action.type === 'modifyHeaders'
        ? strip.action.requestHeaders.map((h) => h.header)
        : [];
    expect(removed).toEqual(
      expect.arrayContaining([
        'traceparent',
        'tracestate',
        'baggage',
        'b3',
        'x-b3-traceid',
        'uber-trace-id',
        'uberctx-user.id',
      ]),
    );
    expect(
      strip?.action.type === 'modifyHeaders' &&
        strip.action.requestHeaders.every((h) => h.operation === 'remove'),
    ).toBe(true);
  });

  test('page-mode targets only: no set rule, but the guard rules stay (redirects)', () => {
    const config = {
      ...CONFIG,
      targets: [{ match: 'https://api.example.com', mode: 'page' as const }],
    };
    expect(buildTabRules(VIEW, config, SLOT).map((r) => r.id)).toEqual([ALLOW, STRIP]);
  });

  test.each<[string, TabPageView, Config]>([
    ['the switch is off', VIEW, { ...CONFIG, enabled: false }],
    [
      'the page view is on a site that is not enabled',
      { ...VIEW, url: 'https://evil.com/' },
      CONFIG,
    ],
    ['the page view is not http(s)', { ...VIEW, url: 'chrome://newtab/' }, CONFIG],
    ['the tab id is not a tab', { ...VIEW, tabId: -1 }, CONFIG],
    ['the tab id is zero', { ...VIEW, tabId: 0 }, CONFIG],
  ])('no rule when %s', (_name, view, config) => {
    expect(buildTabRules(view, config, SLOT)).toEqual([]);
  });

  test('a tab id far above 2^29 still gets rules: ids come from the slot', () => {
    const rules = buildTabRules({ ...VIEW, tabId: 1_308_590_360 }, CONFIG, 0);
    expect(rules.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(rules[0]?.condition.tabIds).toEqual([1_308_590_360]);
  });

  test.each([-1, 1.5, 2 ** 30])('no rule for the invalid or overflowing slot %s', (slot) => {
    expect(buildTabRules(VIEW, CONFIG, slot)).toEqual([]);
  });

  test('no header written: no set rule', () => {
    const config = {
      ...CONFIG,
      propagators: { ...CONFIG.propagators, traceparent: false, baggage: false },
    };
    expect(buildTabRules(VIEW, config, SLOT).map((r) => r.id)).toEqual([ALLOW, STRIP]);
  });

  test('a configured tracestate entry is set, not removed', () => {
    const config = { ...CONFIG, propagators: { ...CONFIG.propagators, tracestate: 'vendor=1' } };
    expect(headerOps(buildTabRules(VIEW, config, SLOT))).toContainEqual({
      header: 'tracestate',
      operation: 'set',
      value: 'vendor=1',
    });
  });

  test('B3 single: the multi headers a page may carry are removed', () => {
    const config = { ...CONFIG, propagators: { ...CONFIG.propagators, b3: 'single' as const } };
    const ops = headerOps(buildTabRules(VIEW, config, SLOT));
    expect(ops.filter((op) => op.operation === 'remove').map((op) => op.header)).toEqual([
      'tracestate',
      'x-b3-traceid',
      'x-b3-spanid',
      'x-b3-parentspanid',
      'x-b3-sampled',
      'x-b3-flags',
    ]);
    expect(ops).toContainEqual({
      header: 'b3',
      operation: 'set',
      value: '4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1',
    });
  });

  test('B3 multi: the single header and multi headers we do not write are removed', () => {
    const config = { ...CONFIG, propagators: { ...CONFIG.propagators, b3: 'multi' as const } };
    const ops = headerOps(buildTabRules(VIEW, config, SLOT));
    const removed = ops.filter((op) => op.operation === 'remove').map((op) => op.header);
    const set = ops.filter((op) => op.operation === 'set').map((op) => op.header);
    expect(removed).toContain('b3');
    expect(removed.filter((name) => set.includes(name))).toEqual([]);
    expect(set).toEqual(expect.arrayContaining(['x-b3-traceid', 'x-b3-spanid', 'x-b3-sampled']));
  });

  test('the same view and settings give the same rules, so nothing is re-applied', () => {
    const first = buildTabRules(VIEW, CONFIG, SLOT);
    const again = buildTabRules({ ...VIEW }, { ...CONFIG }, SLOT);
    expect(diffRules(first, again)).toEqual({ removeRuleIds: [], addRules: [] });
    const rotated = buildTabRules({ ...VIEW, spanId: '1111111111111111' }, CONFIG, SLOT);
    expect(diffRules(first, rotated)).toEqual({
      removeRuleIds: [SET],
      addRules: rotated.filter((r) => r.id === SET),
    });
  });
});
