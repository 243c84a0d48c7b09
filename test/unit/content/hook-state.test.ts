import { describe, expect, test } from 'vitest';
import {
  compileHookPlan,
  DEFAULT_CONFIG,
  hookSettings,
  type Config,
} from '../../../src/core/config';
import { createHookState, type AskPlan } from '../../../src/content/hook/state';
import {
  decodeHookPlan,
  encodeHookPlan,
  readBridgeMessage,
  readHookRequest,
} from '../../../src/shared/page-channel';

const PAGE = 'https://app.example.com';
const CONFIG = { ...DEFAULT_CONFIG, sites: [PAGE] };
const random = (out: Uint8Array) => {
  out.fill(7);
};
const planOf = (config: Config) => compileHookPlan(hookSettings(config, PAGE), PAGE);

const learnNothing = () => Promise.resolve(new Set<string>());
const planNothing: AskPlan = () => Promise.resolve(null);

function timers() {
  const due: (() => void)[] = [];
  return {
    set: (fn: () => void) => {
      due.push(fn);
    },
    fireAll: () => {
      for (const fn of due.splice(0)) fn();
    },
  };
}

describe('page hook state', () => {
  test('requests wait for settings; once they arrive, same-origin requests get headers', async () => {
    const clock = timers();
    const state = createHookState(random, clock.set, learnNothing, planNothing);
    const waiting = state.waitForSettings(500);
    state.apply(planOf(CONFIG));
    await waiting;
    expect(state.allows(`${PAGE}/api`)).toBe(true);
    expect(state.allows('https://third.example.net/')).toBe(false);
    expect(state.fresh()).toEqual({
      traceparent: `00-${'07'.repeat(16)}-${'07'.repeat(8)}-03`,
    });
  });

  test('settings that never come: after the first timeout nobody waits any more', async () => {
    const clock = timers();
    const state = createHookState(random, clock.set, learnNothing, planNothing);
    const first = state.waitForSettings(500);
    clock.fireAll();
    await first;
    let settled = false;
    void state.waitForSettings(500).then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(true);
    expect(state.allows(`${PAGE}/api`)).toBe(false);
    expect(state.fresh()).toEqual({});
  });

  test('inactive settings (site turned off) stop injection at once', async () => {
    const asked: unknown[] = [];
    const state = createHookState(
      random,
      () => undefined,
      learnNothing,
      (headers) => {
        asked.push(headers);
        return Promise.resolve({ headers: {}, remove: [] });
      },
    );
    state.apply(planOf(CONFIG));
    expect(await state.planAround([['traceparent', 'x']])).toEqual({ headers: {}, remove: [] });
    state.apply(planOf({ ...CONFIG, sites: [] }));
    expect(state.active).toBe(false);
    expect(state.allows(`${PAGE}/api`)).toBe(false);
    expect(await state.planAround([['traceparent', 'x']])).toBeNull();
    expect(asked).toHaveLength(1);
  });

  test.each([
    undefined,
    42,
    '',
    '{',
    'null',
    '{"active":"yes"}',
    '{"active":true,"page":[],"network":[],"template":{}}',
    '{"active":true,"page":{},"network":[],"template":{},"uberctx":[]}',
    '{"active":true,"page":[],"network":[],"template":null,"uberctx":[]}',
    '{"active":true,"page":[],"network":[],"template":{},"uberctx":[1]}',
  ])('a malformed settings message %j is ignored', (detail) => {
    expect(decodeHookPlan(detail)).toBeNull();
  });

  test('what the bridge encodes, the hook decodes', () => {
    const plan = planOf({ ...CONFIG, baggage: [{ key: 'Tenant', value: 'acme' }] });
    expect(decodeHookPlan(encodeHookPlan(plan))).toEqual(plan);
    expect(decodeHookPlan(encodeHookPlan(planOf({ ...CONFIG, sites: [] })))).toEqual(
      expect.objectContaining({ active: false, page: [] }),
    );
  });
});

describe('page hook state: uberctx names the strip rules must name', () => {
  const config = { ...CONFIG, baggage: [{ key: 'Tenant', value: 'acme' }] };

  test('configured keys and learned names are known; others are asked for once learned', async () => {
    const asked: string[][] = [];
    const learn = (names: readonly string[]) => {
      asked.push([...names]);
      return Promise.resolve(new Set(names.filter((n) => n !== 'uberctx-refused')));
    };
    const state = createHookState(random, () => undefined, learn, planNothing);
    state.apply(planOf(config));
    const names = ['accept', 'uberctx-tenant', 'uberctx-page.own', 'uberctx-refused'];
    expect(state.unknownUberctx(names)).toEqual(['uberctx-page.own', 'uberctx-refused']);
    const known = await state.learn(['uberctx-page.own', 'uberctx-refused']);
    expect([...known]).toEqual(['uberctx-page.own']);
    expect(state.unknownUberctx(names)).toEqual(['uberctx-refused']);
    expect(asked).toEqual([['uberctx-page.own', 'uberctx-refused']]);
  });
});

describe('page channel messages', () => {
  test.each([
    [
      { type: 'settings', settings: '{}' },
      { type: 'settings', settings: '{}' },
    ],
    [
      { type: 'learned', id: 3, known: ['uberctx-a'] },
      { type: 'learned', id: 3, known: ['uberctx-a'] },
    ],
    [{ type: 'learned', id: 1.5, known: [] }, null],
    [{ type: 'learned', id: 1, known: Array.from({ length: 17 }, () => 'x') }, null],
    [
      { type: 'planned', id: 2, plan: { headers: { traceparent: 'x' }, remove: ['b3'] } },
      { type: 'planned', id: 2, plan: { headers: { traceparent: 'x' }, remove: ['b3'] } },
    ],
    [
      { type: 'planned', id: 2, plan: null },
      { type: 'planned', id: 2, plan: null },
    ],
    [{ type: 'planned', id: 2, plan: { headers: { traceparent: 1 }, remove: [] } }, null],
    [{ type: 'planned', id: 2, plan: { headers: {}, remove: 'b3' } }, null],
    [{ type: 'planned', id: 2 }, null],
    [{ type: 'settings', settings: 1 }, null],
    ['settings', null],
    // A hole (a structured clone keeps it) is no string (found by fuzzing).
    [{ type: 'learned', id: 1, known: new Array<string>(1) }, null],
  ])('bridge message %j → %j', (data, expected) => {
    expect(readBridgeMessage(data)).toEqual(expected);
  });

  test.each([
    [
      { type: 'learn', id: 1, names: ['uberctx-a'] },
      { type: 'learn', id: 1, names: ['uberctx-a'] },
    ],
    [{ type: 'learn', id: 1, names: [2] }, null],
    [{ type: 'learn', id: '1', names: [] }, null],
    [{ type: 'settings', settings: '{}' }, null],
    [
      { type: 'plan', id: 4, headers: [['traceparent', 'x']] },
      { type: 'plan', id: 4, headers: [['traceparent', 'x']] },
    ],
    [{ type: 'plan', id: 4, headers: [['traceparent']] }, null],
    [{ type: 'plan', id: 4, headers: [['traceparent', 1]] }, null],
    [{ type: 'plan', id: 4, headers: Array.from({ length: 17 }, () => ['b3', '1']) }, null],
    [{ type: 'plan', id: 4, headers: 'traceparent' }, null],
    // Holes (a structured clone keeps them) are no strings and no lines (found by fuzzing).
    [{ type: 'learn', id: 1, names: new Array<string>(1) }, null],
    [{ type: 'plan', id: 4, headers: new Array<string[]>(1) }, null],
    [{ type: 'plan', id: 4, headers: [new Array<string>(2)] }, null],
  ])('hook request %j → %j', (data, expected) => {
    expect(readHookRequest(data)).toEqual(expected);
  });
});
