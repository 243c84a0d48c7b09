import { describe, expect, test } from 'vitest';
import { CONFIG_VERSION, MIGRATIONS, migrate, upgradeConfig } from '../../../src/core/config';
import type { Migration } from '../../../src/core/config';

describe('migrations', () => {
  test('version 1 is the first: no steps exist yet and current settings pass unchanged', () => {
    expect(CONFIG_VERSION).toBe(1);
    expect(MIGRATIONS.size).toBe(0);
    const raw = { version: 1, enabled: false };
    expect(upgradeConfig(raw)).toEqual({ ok: true, raw });
    expect(upgradeConfig({ enabled: false })).toEqual({ ok: true, raw: { enabled: false } });
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
