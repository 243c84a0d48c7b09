/** Settings written by an older build are upgraded step by step before they are validated. */
import { describeValue, ownField, type RawObject } from './parse-fields';
import { CONFIG_VERSION } from './schema';

/** Settings as version N wrote them → as version N + 1 reads them. Must not throw. */
export type Migration = (raw: RawObject) => RawObject;

/**
 * Key N upgrades version N to N + 1. A step that only adds a section with defaults changes nothing
 * but the version: the parser fills the section in.
 */
export const MIGRATIONS: ReadonlyMap<number, Migration> = new Map<number, Migration>([
  // 2 added `backendLink` (the panel's "Open in backend").
  [1, (raw) => ({ ...raw, version: 2 })],
  // 3 added `export` (OTLP/HTTP export).
  [2, (raw) => ({ ...raw, version: 3 })],
]);

export type UpgradeResult =
  { readonly ok: true; readonly raw: RawObject } | { readonly ok: false; readonly error: string };

/** Runs the steps from `from` up to `to`; an error when a step is missing. */
export function migrate(
  raw: RawObject,
  from: number,
  to: number,
  steps: ReadonlyMap<number, Migration>,
): UpgradeResult {
  let current = raw;
  for (let version = from; version < to; version++) {
    const step = steps.get(version);
    if (step === undefined) {
      return {
        ok: false,
        error: `version: no upgrade from settings version ${String(version)} to ${String(version + 1)}`,
      };
    }
    current = step(current);
  }
  return { ok: true, raw: current };
}

/**
 * Reads `version` (absent means the current one) and upgrades older settings. Settings from a
 * newer build are refused: guessing at fields we do not know could inject where the user did
 * not allow it.
 */
export function upgradeConfig(
  raw: RawObject,
  steps: ReadonlyMap<number, Migration> = MIGRATIONS,
): UpgradeResult {
  const version = ownField(raw, 'version');
  if (version === undefined) return { ok: true, raw };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return {
      ok: false,
      error: `version: must be a whole number from 1 to ${String(CONFIG_VERSION)}, got ${describeValue(version)}`,
    };
  }
  if (version > CONFIG_VERSION) {
    return {
      ok: false,
      error: `version: settings version ${String(version)} was written by a newer version of the extension; this one reads up to ${String(CONFIG_VERSION)}`,
    };
  }
  return migrate(raw, version, CONFIG_VERSION, steps);
}
