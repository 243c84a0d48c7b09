// A worker stopped between a settings write and its storage event never gets that event again:
// a recheck (asked by a bridge that saw the change) must take the write as the event would have.
import { beforeEach, describe, expect, test, vi } from 'vitest';
import {
  LAST_GOOD_KEY,
  REJECTED_CONFIG_KEY,
  SettingsStore,
} from '../../../src/background/settings';
import { DEFAULT_CONFIG, parseConfig, type Config } from '../../../src/core/config';

/** storage.local as a map; no change event is ever delivered, as for the stopped worker. */
const { local } = vi.hoisted(() => ({ local: new Map<string, unknown>() }));

vi.mock('../../../src/platform/storage', () => ({
  CONFIG_KEY: 'config',
  readLocal: (key: string) => Promise.resolve(structuredClone(local.get(key))),
  writeLocal: (key: string, value: unknown) => {
    local.set(key, structuredClone(value));
    return Promise.resolve();
  },
  writeLocalItems: (items: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(items)) local.set(key, structuredClone(value));
    return Promise.resolve();
  },
  onLocalChanged: () => () => undefined,
}));

const enabled = { ...DEFAULT_CONFIG, enabled: true, sites: ['https://app.example.com'] };
const changed = { ...enabled, baggage: [{ key: 'user.id', value: '67890' }] };

/** A store loaded from `stored`, and every config its listeners were handed since. */
async function loaded(stored: unknown): Promise<{ store: SettingsStore; applied: Config[] }> {
  local.set('config', structuredClone(stored));
  const store = new SettingsStore();
  await store.load();
  const applied: Config[] = [];
  store.onChange((config) => applied.push(config));
  return { store, applied };
}

describe('SettingsStore.recheck', () => {
  beforeEach(() => {
    local.clear();
  });

  test('takes a write whose change event never came, once', async () => {
    const { store, applied } = await loaded(enabled);
    local.set('config', structuredClone(changed));
    await store.recheck();
    const parsed = parseConfig(changed);
    expect(parsed.ok && store.config).toEqual(parsed.ok && parsed.config);
    expect(applied).toEqual([store.config]);
    expect(local.get(LAST_GOOD_KEY)).toEqual(store.config);
    await store.recheck();
    expect(applied).toHaveLength(1); // nothing new: nothing applied again
  });

  test('refuses an invalid write as the change event would, keeping the settings in force', async () => {
    const { store } = await loaded(enabled);
    const before = store.config;
    const invalid = { ...enabled, sampling: { mode: 'sometimes' } };
    local.set('config', structuredClone(invalid));
    await store.recheck();
    expect(store.config).toEqual(before);
    expect(local.get(REJECTED_CONFIG_KEY)).toEqual(invalid);
    expect(local.get('config')).toEqual(before);
    expect(store.state.problems.join(' ')).toMatch(/A settings write was refused/);
  });
});
