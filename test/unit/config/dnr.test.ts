import { describe, expect, test } from 'vitest';
import {
  ALL_RESOURCE_TYPES,
  buildTabRule,
  diffRules,
  type DnrModifyRule,
} from '../../../src/core/config';

const HEADERS = {
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  baggage: 'user.id=12345',
};

describe('ALL_RESOURCE_TYPES', () => {
  test('lists every declarativeNetRequest resource type once', () => {
    expect([...ALL_RESOURCE_TYPES].sort()).toEqual(
      [
        'csp_report',
        'font',
        'image',
        'main_frame',
        'media',
        'object',
        'other',
        'ping',
        'script',
        'stylesheet',
        'sub_frame',
        'webbundle',
        'websocket',
        'webtransport',
        'xmlhttprequest',
      ].sort(),
    );
  });
});

describe('buildTabRule', () => {
  test('one rule: set each header, scoped to the tab and the targets', () => {
    expect(buildTabRule(7, 42, HEADERS, ['https://api.example.com'])).toEqual({
      id: 7,
      priority: 1,
      action: {
        type: 'modifyHeaders',
        requestHeaders: [
          { header: 'baggage', operation: 'set', value: 'user.id=12345' },
          { header: 'traceparent', operation: 'set', value: HEADERS.traceparent },
        ],
      },
      condition: {
        tabIds: [42],
        regexFilter: '^https://api\\.example\\.com(?::443)?/',
        resourceTypes: [...ALL_RESOURCE_TYPES],
      },
    });
  });

  test('several targets share one anchored alternation; duplicates and bad patterns drop out', () => {
    const rule = buildTabRule(1, 2, HEADERS, [
      'https://api.example.com',
      'http://localhost:*',
      'not a pattern',
      'https://api.example.com',
    ]);
    expect(rule?.condition.regexFilter).toBe(
      '^(?:https://api\\.example\\.com(?::443)?/|http://localhost(?::[0-9]+)?/)',
    );
    const regex = new RegExp(rule?.condition.regexFilter ?? '$^');
    for (const [url, expected] of [
      ['https://api.example.com/v1', true],
      ['http://localhost:8080/x', true],
      ['http://localhost/x', true],
      ['https://localhost/x', false],
      ['https://evil.com/?https://api.example.com/', false],
      ['https://api.example.com.evil.com/', false],
      ['https://api.example.com@evil.com/', false],
      ['http://localhost.evil.com/', false],
    ] as const) {
      expect([url, regex.test(url)]).toEqual([url, expected]);
    }
  });

  test('headers to remove are added after the sets, never for a header we set', () => {
    const rule = buildTabRule(
      1,
      2,
      HEADERS,
      ['https://api.example.com'],
      ['tracestate', 'traceparent'],
    );
    expect(rule?.action.requestHeaders).toEqual([
      { header: 'baggage', operation: 'set', value: 'user.id=12345' },
      { header: 'traceparent', operation: 'set', value: HEADERS.traceparent },
      { header: 'tracestate', operation: 'remove' },
    ]);
  });

  test('header order does not change the rule', () => {
    const reversed = { baggage: HEADERS.baggage, traceparent: HEADERS.traceparent };
    expect(buildTabRule(1, 2, reversed, ['https://a.example'])).toEqual(
      buildTabRule(1, 2, HEADERS, ['https://a.example']),
    );
  });

  test.each<[string, Record<string, string>, string[]]>([
    ['no network targets', HEADERS, []],
    ['only invalid targets', HEADERS, ['https://a.example/path', '']],
    ['no headers', {}, ['https://api.example.com']],
  ])('null with %s', (_name, headers, targets) => {
    expect(buildTabRule(1, 2, headers, targets)).toBeNull();
  });
});

describe('diffRules', () => {
  const rule = (id: number, tabId: number, value = HEADERS.baggage): DnrModifyRule => {
    const built = buildTabRule(id, tabId, { ...HEADERS, baggage: value }, [
      'https://api.example.com',
    ]);
    if (built === null) throw new Error('no rule');
    return built;
  };

  test('nothing changed: empty diff', () => {
    expect(diffRules([rule(1, 10), rule(2, 20)], [rule(2, 20), rule(1, 10)])).toEqual({
      removeRuleIds: [],
      addRules: [],
    });
    expect(diffRules([], [])).toEqual({ removeRuleIds: [], addRules: [] });
  });

  test('a changed rule is removed and added again under its id', () => {
    const changed = rule(2, 20, 'user.id=2');
    expect(diffRules([rule(1, 10), rule(2, 20)], [rule(1, 10), changed])).toEqual({
      removeRuleIds: [2],
      addRules: [changed],
    });
  });

  test('new rules are added; rules no longer wanted are removed', () => {
    expect(diffRules([rule(3, 30), rule(1, 10)], [rule(1, 10), rule(4, 40)])).toEqual({
      removeRuleIds: [3],
      addRules: [rule(4, 40)],
    });
    expect(diffRules([rule(5, 1), rule(2, 1)], [])).toEqual({
      removeRuleIds: [2, 5],
      addRules: [],
    });
  });

  test('what Chrome reports back (defaults filled, other order, extra fields) is unchanged', () => {
    const built = rule(1, 10);
    const { priority: _priority, ...withoutPriority } = built;
    const reported = {
      ...withoutPriority,
      action: {
        ...built.action,
        requestHeaders: built.action.requestHeaders.map((h) => ({
          ...h,
          header: h.header.toUpperCase(),
        })),
      },
      condition: {
        ...built.condition,
        resourceTypes: [...built.condition.resourceTypes].reverse(),
        isUrlFilterCaseSensitive: false,
      },
    };
    expect(diffRules([reported], [built])).toEqual({ removeRuleIds: [], addRules: [] });
  });
});

describe('chrome typings', () => {
  // Checked by the project typecheck (test/ compiles with the chrome types): built rules go to
  // updateSessionRules and reported rules come back into diffRules without a cast.
  test('a DnrRule is a chrome rule, and a chrome rule can be diffed', () => {
    const built = buildTabRule(1, 2, HEADERS, ['https://api.example.com']);
    const asChrome: chrome.declarativeNetRequest.Rule[] = built === null ? [] : [built];
    const diff = diffRules(asChrome, asChrome);
    const addRules: chrome.declarativeNetRequest.Rule[] = diff.addRules;
    expect(addRules).toEqual([]);
  });
});
