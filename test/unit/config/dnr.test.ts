import { describe, expect, test } from 'vitest';
import { ALL_RESOURCE_TYPES, diffRules, type DnrModifyRule } from '../../../src/core/config';

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

/** A set rule as the tab builder makes them. */
const rule = (id: number, tabId: number, value = HEADERS.baggage): DnrModifyRule => ({
  id,
  priority: 1, // Chrome's default, so a reported rule without one is equal
  action: {
    type: 'modifyHeaders',
    requestHeaders: [
      { header: 'baggage', operation: 'set', value },
      { header: 'traceparent', operation: 'set', value: HEADERS.traceparent },
    ],
  },
  condition: {
    tabIds: [tabId],
    urlFilter: '|https://api.example.com/',
    initiatorDomains: ['app.example.com'],
    resourceTypes: [...ALL_RESOURCE_TYPES],
  },
});

describe('diffRules', () => {
  test('a condition that differs in any field is a changed rule', () => {
    const base = rule(1, 10);
    for (const condition of [
      { ...base.condition, urlFilter: '|https://other.example/' },
      { ...base.condition, initiatorDomains: ['other.example'] },
      { ...base.condition, requestDomains: ['api.example.com'] },
      { ...base.condition, tabIds: undefined },
    ]) {
      const changed = { ...base, condition };
      expect(diffRules([base], [changed])).toEqual({ removeRuleIds: [1], addRules: [changed] });
    }
  });

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
    const asChrome: chrome.declarativeNetRequest.Rule[] = [rule(1, 2)];
    const diff = diffRules(asChrome, asChrome);
    const addRules: chrome.declarativeNetRequest.Rule[] = diff.addRules;
    expect(addRules).toEqual([]);
  });
});
