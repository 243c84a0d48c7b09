import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, hookSettings } from '../../../src/core/config';
import { createHookState } from '../../../src/content/hook/state';
import {
  decodeHookSettings,
  encodeHookSettings,
  readBridgeMessage,
  readLearnRequest,
} from '../../../src/shared/page-channel';

const PAGE = 'https://app.example.com';
const CONFIG = { ...DEFAULT_CONFIG, sites: [PAGE] };
const random = (out: Uint8Array) => {
  out.fill(7);
};

const learnNothing = () => Promise.resolve(new Set<string>());

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
    const state = createHookState(PAGE, random, clock.set, learnNothing);
    const waiting = state.waitForSettings(500);
    state.apply(hookSettings(CONFIG, PAGE));
    await waiting;
    expect(state.plan(`${PAGE}/api`, () => undefined)?.headers).toHaveProperty('traceparent');
    expect(state.plan('https://third.example.net/', () => undefined)).toBeNull();
  });

  test('settings that never come: after the first timeout nobody waits any more', async () => {
    const clock = timers();
    const state = createHookState(PAGE, random, clock.set, learnNothing);
    const first = state.waitForSettings(500);
    clock.fireAll();
    await first;
    let settled = false;
    void state.waitForSettings(500).then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(true);
    expect(state.plan(`${PAGE}/api`, () => undefined)).toBeNull();
  });

  test('inactive settings (site turned off) stop injection at once', () => {
    const state = createHookState(PAGE, random, () => undefined, learnNothing);
    state.apply(hookSettings(CONFIG, PAGE));
    state.apply(hookSettings({ ...CONFIG, sites: [] }, PAGE));
    expect(state.plan(`${PAGE}/api`, () => undefined)).toBeNull();
  });

  test.each([
    undefined,
    42,
    '',
    '{',
    'null',
    '{"active":"yes"}',
    '{"active":true,"pageTargets":[1]}',
  ])('a malformed or forged settings event %j is ignored', (detail) => {
    expect(decodeHookSettings(detail)).toBeNull();
  });

  test('what the bridge encodes, the hook decodes', () => {
    const settings = hookSettings(CONFIG, PAGE);
    expect(decodeHookSettings(encodeHookSettings(settings))).toEqual(settings);
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
    const state = createHookState(PAGE, random, () => undefined, learn);
    state.apply(hookSettings(config, PAGE));
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
    [{ type: 'settings', settings: 1 }, null],
    ['settings', null],
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
  ])('learn request %j → %j', (data, expected) => {
    expect(readLearnRequest(data)).toEqual(expected);
  });
});
