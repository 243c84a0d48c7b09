import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, hookSettings } from '../../../src/core/config';
import { createHookState } from '../../../src/content/hook/state';
import { decodeHookSettings, encodeHookSettings } from '../../../src/shared/page-channel';

const PAGE = 'https://app.example.com';
const CONFIG = { ...DEFAULT_CONFIG, sites: [PAGE] };
const random = (out: Uint8Array) => {
  out.fill(7);
};

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
    const state = createHookState(PAGE, random, clock.set);
    const waiting = state.waitForSettings(500);
    state.apply(hookSettings(CONFIG, PAGE));
    await waiting;
    expect(state.plan(`${PAGE}/api`, () => undefined)?.headers).toHaveProperty('traceparent');
    expect(state.plan('https://third.example.net/', () => undefined)).toBeNull();
  });

  test('settings that never come: after the first timeout nobody waits any more', async () => {
    const clock = timers();
    const state = createHookState(PAGE, random, clock.set);
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
    const state = createHookState(PAGE, random, () => undefined);
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
