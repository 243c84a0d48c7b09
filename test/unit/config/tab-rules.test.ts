import { describe, expect, test } from 'vitest';
import {
  ALL_RESOURCE_TYPES,
  ALLOW_PRIORITY,
  buildTabRules,
  DEFAULT_CONFIG,
  diffRules,
  FAIL_CLOSED_PRIORITY,
  failClosedTabRules,
  SET_PRIORITY,
  STRIP_PRIORITY,
  stripHeaderNames,
  tabRuleIds,
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
const IDS = tabRuleIds(SLOT) ?? { strip: 0, allow: 0, firstSet: 0, first: 0, last: 0 };
const [STRIP, ALLOW, SET] = [IDS.strip, IDS.allow, IDS.firstSet];
const STRIP_NAMES = stripHeaderNames(CONFIG);

const build = (view = VIEW, config = CONFIG, slot = SLOT) =>
  buildTabRules(view, config, slot, stripHeaderNames(config));

function byId(rules: readonly DnrRule[], id: number): DnrRule | undefined {
  return rules.find((r) => r.id === id);
}

function headerOps(rules: readonly DnrRule[]): readonly DnrHeaderOperation[] {
  const rule = byId(rules, SET);
  return rule?.action.type === 'modifyHeaders' ? rule.action.requestHeaders : [];
}

describe('buildTabRules', () => {
  test('strip, allow and set rules for a tab on an enabled site', () => {
    const rules = build();
    expect(rules.map((r) => [r.id, r.priority, r.action.type])).toEqual([
      [STRIP, STRIP_PRIORITY, 'modifyHeaders'],
      [ALLOW, ALLOW_PRIORITY, 'allow'],
      [SET, SET_PRIORITY, 'modifyHeaders'],
    ]);
    expect(FAIL_CLOSED_PRIORITY).toBeGreaterThan(SET_PRIORITY);
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
        urlFilter: '|https://api.example.com/',
        initiatorDomains: ['app.example.com'],
        resourceTypes: [...ALL_RESOURCE_TYPES],
      },
    });
  });

  test("the allow rule is the page's own origin, by urlFilter, from the page's documents", () => {
    expect(byId(build(), ALLOW)?.condition).toEqual({
      tabIds: [5],
      urlFilter: '|https://app.example.com/',
      initiatorDomains: ['app.example.com'],
      resourceTypes: [...ALL_RESOURCE_TYPES],
    });
  });

  test("the strip rule removes every propagation header from the page's requests", () => {
    const strip = byId(build(), STRIP);
    expect(strip?.condition).toEqual({
      tabIds: [5],
      initiatorDomains: ['app.example.com'],
      resourceTypes: [...ALL_RESOURCE_TYPES],
    });
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
    expect(build(VIEW, config).map((r) => r.id)).toEqual([STRIP, ALLOW]);
  });

  test('each network target condition gets its own set rule (no alternation to outgrow RE2)', () => {
    const config: Config = {
      ...CONFIG,
      targets: [
        { match: 'https://orders-service-1.internal.example.com', mode: 'network' },
        { match: '*://orders-service-2.internal.example.com', mode: 'network' },
        { match: 'http://localhost:*', mode: 'network' },
      ],
    };
    const set = build(VIEW, config).filter((r) => r.priority === SET_PRIORITY);
    expect(set.map((r) => r.id)).toEqual([SET, SET + 1, SET + 2, SET + 3]);
    expect(set.map((r) => r.condition.urlFilter ?? r.condition.regexFilter)).toEqual([
      '|https://orders-service-1.internal.example.com/',
      '|http://orders-service-2.internal.example.com/',
      '|https://orders-service-2.internal.example.com/',
      '^http://localhost(?::[0-9]+)?/',
    ]);
  });

  test('an IPv6 page cannot be named as initiator: its rules cover the whole tab', () => {
    const config = { ...CONFIG, sites: ['http://[::1]:8080'] };
    const rules = build({ ...VIEW, url: 'http://[::1]:8080/' }, config);
    expect(rules.map((r) => r.condition.initiatorDomains)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  // A page view exists only for a document loaded on an enabled site: when the settings stop
  // enabling it, its hook goes on writing until its bridge hears, so strip and allow stay.
  test.each<[string, TabPageView, Config]>([
    ['the switch is off', VIEW, { ...CONFIG, enabled: false }],
    ['the site is no longer enabled', VIEW, { ...CONFIG, sites: ['https://other.example.com'] }],
  ])('strip and allow only, no set rule, when %s', (_name, view, config) => {
    const rules = build(view, config);
    expect(rules.map((r) => r.id)).toEqual([STRIP, ALLOW]);
    expect(byId(rules, STRIP)?.condition.initiatorDomains).toEqual(['app.example.com']);
  });

  test('strip and allow only for a retired view: its document may still send', () => {
    const rules = buildTabRules(VIEW, CONFIG, SLOT, STRIP_NAMES, true);
    expect(rules.map((r) => r.id)).toEqual([STRIP, ALLOW]);
  });

  test.each<[string, TabPageView, Config]>([
    ['the page view is not http(s)', { ...VIEW, url: 'chrome://newtab/' }, CONFIG],
    ['the tab id is not a tab', { ...VIEW, tabId: -1 }, CONFIG],
    ['the tab id is zero', { ...VIEW, tabId: 0 }, CONFIG],
  ])('no rule when %s', (_name, view, config) => {
    expect(build(view, config)).toEqual([]);
  });

  test('a tab id far above 2^29 still gets rules: ids come from the slot', () => {
    const rules = build({ ...VIEW, tabId: 1_308_590_360 }, CONFIG, 0);
    const first = tabRuleIds(0)?.first ?? 0;
    expect(rules.map((r) => r.id)).toEqual([first, first + 1, first + 2]);
    expect(rules[0]?.condition.tabIds).toEqual([1_308_590_360]);
  });

  test.each([-1, 1.5, 2 ** 30])('no rule for the invalid or overflowing slot %s', (slot) => {
    expect(build(VIEW, CONFIG, slot)).toEqual([]);
  });

  test('no header written: no set rule', () => {
    const config = {
      ...CONFIG,
      propagators: { ...CONFIG.propagators, traceparent: false, baggage: false },
    };
    expect(build(VIEW, config).map((r) => r.id)).toEqual([STRIP, ALLOW]);
  });

  test('a configured tracestate entry is set, not removed', () => {
    const config = { ...CONFIG, propagators: { ...CONFIG.propagators, tracestate: 'vendor=1' } };
    expect(headerOps(build(VIEW, config))).toContainEqual({
      header: 'tracestate',
      operation: 'set',
      value: 'vendor=1',
    });
  });

  test('B3 single: the multi headers a page may carry are removed', () => {
    const config = { ...CONFIG, propagators: { ...CONFIG.propagators, b3: 'single' as const } };
    const ops = headerOps(build(VIEW, config));
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
    const ops = headerOps(build(VIEW, config));
    const removed = ops.filter((op) => op.operation === 'remove').map((op) => op.header);
    const set = ops.filter((op) => op.operation === 'set').map((op) => op.header);
    expect(removed).toContain('b3');
    expect(removed.filter((name) => set.includes(name))).toEqual([]);
    expect(set).toEqual(expect.arrayContaining(['x-b3-traceid', 'x-b3-spanid', 'x-b3-sampled']));
  });

  test('the same view and settings give the same rules, so nothing is re-applied', () => {
    const first = build();
    const again = build({ ...VIEW }, { ...CONFIG });
    expect(diffRules(first, again)).toEqual({ removeRuleIds: [], addRules: [] });
    const rotated = build({ ...VIEW, spanId: '1111111111111111' });
    expect(diffRules(first, rotated)).toEqual({
      removeRuleIds: [SET],
      addRules: rotated.filter((r) => r.id === SET),
    });
  });
});

describe('failClosedTabRules', () => {
  test('one rule above every other strips all propagation headers from the whole tab', () => {
    expect(failClosedTabRules(5, SLOT, STRIP_NAMES)).toEqual([
      {
        id: STRIP,
        priority: FAIL_CLOSED_PRIORITY,
        action: {
          type: 'modifyHeaders',
          requestHeaders: STRIP_NAMES.map((header) => ({ header, operation: 'remove' })),
        },
        condition: { tabIds: [5], resourceTypes: [...ALL_RESOURCE_TYPES] },
      },
    ]);
  });
});
