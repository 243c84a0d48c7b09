import { describe, expect, test } from 'vitest';
import {
  CONFIG_VERSION,
  DEFAULT_CONFIG,
  MIGRATIONS,
  migrate,
  parseConfig,
  upgradeConfig,
} from '../../../src/core/config';
import type { Migration } from '../../../src/core/config';

describe('migrations', () => {
  test('version 3 is current: older settings upgrade, the new sections get their defaults', () => {
    expect(CONFIG_VERSION).toBe(3);
    const v1 = { version: 1, enabled: false, sites: ['https://a.example'] };
    expect(upgradeConfig(v1)).toEqual({ ok: true, raw: { ...v1, version: 3 } });
    const parsed = parseConfig(v1);
    expect(parsed.ok && parsed.config.backendLink).toEqual(DEFAULT_CONFIG.backendLink);
    expect(parsed.ok && parsed.config.export).toEqual(DEFAULT_CONFIG.export);
    const v2 = { version: 2, backendLink: null };
    expect(upgradeConfig(v2)).toEqual({ ok: true, raw: { ...v2, version: 3 } });
    expect(upgradeConfig({ version: 3, enabled: false })).toEqual({
      ok: true,
      raw: { version: 3, enabled: false },
    });
    expect(upgradeConfig({ enabled: false })).toEqual({ ok: true, raw: { enabled: false } });
    expect(MIGRATIONS.size).toBe(CONFIG_VERSION - 1);
  });

  test('steps run in order from the stored version to the target', () => {
    const steps = new Map<number, Migration>([
      [1, (raw) => ({ ...raw, version: 2, sites: ['https://a.example'] })],
      [2, (raw) => ({ ...raw, version: 3, renamed: raw.enabled, enabled: undefined })],
    ]);
    expect(migrate({ version: 1, enabled: true }, 1, 3, steps)).toEqual({
      ok: true,
      raw: { version: 3, sites: ['https://a.example'], renamed: true, enabled: undefined },
    });
    expect(migrate({ version: 2 }, 2, 3, steps)).toEqual({
      ok: true,
      raw: { version: 3, renamed: undefined, enabled: undefined },
    });
  });

  test('a missing step is an error, not a guess', () => {
    const steps = new Map<number, Migration>([[1, (raw) => raw]]);
    expect(migrate({}, 1, 3, steps)).toEqual({
      ok: false,
      error: 'version: no upgrade from settings version 2 to 3',
    });
  });
});
