// Fuzz (issue #13): a broken settings write leaves the stored settings and those in force alone.
import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import {
  LAST_GOOD_KEY,
  REJECTED_CONFIG_KEY,
  SettingsStore,
} from '../../../src/background/settings';
import { parseConfig } from '../../../src/core/config';
import { fcParams, PROPERTY_TIMEOUT_MS } from '../../support/fc-runs';
import { configArb } from '../config/arbitraries';
import { expectReadable, junkArb } from './junk';
import { mutatedArb } from './mutate';

/** storage.local as a map, cloned on the way in and out as the browser does. */
const { local, changeListeners } = vi.hoisted(() => ({
  local: new Map<string, unknown>(),
  changeListeners: new Set<(value: unknown) => void>(),
}));

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
  onLocalChanged: (key: string, listener: (value: unknown) => void) => {
    if (key === 'config') changeListeners.add(listener);
    return () => changeListeners.delete(listener);
  },
}));

/** A store loaded from storage holding `config`, as the background starts. */
async function loadedStore(config: unknown) {
  local.clear();
  changeListeners.clear();
  local.set('config', structuredClone(config));
  const store = new SettingsStore();
  const loaded = store.load();
  store.watchStorage(loaded);
  await loaded;
  return store;
}

const candidateArb = fc.oneof(
  { weight: 4, arbitrary: mutatedArb(configArb) },
  { weight: 1, arbitrary: junkArb },
);

describe('SettingsStore over broken writes', () => {
  test(
    'a refused write from the popup or an import changes nothing, and says why',
    async () => {
      await fc.assert(
        fc.asyncProperty(configArb, candidateArb, async (good, candidate) => {
          const store = await loadedStore(good);
          const stored = structuredClone([...local]);
          const result = await store.write(candidate);
          if (result.ok) {
            expect(local.get('config')).toEqual(result.state.config);
            expect(parseConfig(candidate)).toEqual({ ok: true, config: result.state.config });
            return;
          }
          expect(result.errors.length).toBeGreaterThan(0);
          for (const error of result.errors) expectReadable(error);
          expect([...local]).toEqual(stored);
          expect(store.config).toEqual(good);
        }),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  test(
    'a broken direct write to storage is refused: the last good settings stay, in force and stored',
    async () => {
      await fc.assert(
        fc.asyncProperty(configArb, candidateArb, async (good, candidate) => {
          const store = await loadedStore(good);
          if (candidate === undefined || parseConfig(candidate).ok) return;
          local.set('config', structuredClone(candidate));
          for (const listener of changeListeners) listener(structuredClone(candidate));
          // The store judges the change in a promise chain of its own; the storage above answers
          // at once, so the chain has run by the next macrotask.
          await new Promise((resolve) => setImmediate(resolve));
          expect(local.get('config')).toEqual(good);
          expect(store.config).toEqual(good);
          expect(local.get(LAST_GOOD_KEY)).toEqual(good);
          expect(local.get(REJECTED_CONFIG_KEY)).toEqual(candidate);
          expect(store.state.problems).toHaveLength(1);
          expectReadable(store.state.problems[0]);
        }),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
