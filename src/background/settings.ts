import { parseConfig } from '../core/config/parse';
import { sameValue } from '../core/config/same-value';
import { DEFAULT_CONFIG, type Config } from '../core/config/schema';
import {
  CONFIG_KEY,
  onLocalChanged,
  readLocal,
  writeLocal,
  writeLocalItems,
} from '../platform/storage';
import type { ConfigState, ConfigWriteResult } from '../shared/messages';

/** Where a refused direct write is kept, so the user can fix it instead of losing it. */
export const REJECTED_CONFIG_KEY = 'configRejected';
/** The last settings that validated, so a refused write never falls back to the defaults. */
export const LAST_GOOD_KEY = 'configLastGood';

/**
 * Owns the settings in force. Writes are validated by the pure parser; an invalid one is
 * refused and the last good settings stay in force. A removed `config` key is restored from the
 * last good settings. Unreadable stored data with no last good settings is reported and the
 * defaults are used in its place.
 */
export class SettingsStore {
  #config: Config = DEFAULT_CONFIG;
  #problems: string[] = [];
  #listeners = new Set<(config: Config) => void>();

  get config(): Config {
    return this.#config;
  }

  get state(): ConfigState {
    return { config: this.#config, problems: [...this.#problems] };
  }

  onChange(listener: (config: Config) => void): void {
    this.#listeners.add(listener);
  }

  async load(): Promise<void> {
    const [stored, lastGood] = await Promise.all([readLocal(CONFIG_KEY), readLocal(LAST_GOOD_KEY)]);
    const previous = parseConfig(lastGood);
    if (stored === undefined) {
      if (previous.ok) {
        // Removed while the worker slept: restore, as #onStored does when it is awake.
        await this.#restoreRemoved(previous.config);
        return;
      }
      await writeLocal(CONFIG_KEY, DEFAULT_CONFIG); // first install: visible, injection off
      this.#adopt(DEFAULT_CONFIG);
      return;
    }
    const parsed = parseConfig(stored);
    if (parsed.ok) {
      this.#adopt(parsed.config);
      if (!sameValue(lastGood, parsed.config)) await writeLocal(LAST_GOOD_KEY, parsed.config);
      return;
    }
    if (previous.ok) {
      // An invalid write landed while the worker slept: refuse it now, as if it were awake.
      await this.#refuse(stored, parsed.errors, previous.config);
      return;
    }
    this.#adopt(DEFAULT_CONFIG);
    this.#problems = [
      `The stored settings could not be read, so the defaults are in use: ${parsed.errors.join('; ')}`,
    ];
  }

  /** Validates and stores a candidate from the popup; refused candidates change nothing. */
  async write(candidate: unknown): Promise<ConfigWriteResult> {
    const parsed = parseConfig(candidate);
    if (!parsed.ok) return { ok: false, errors: parsed.errors };
    this.#adopt(parsed.config);
    this.#problems = [];
    await writeLocalItems({ [CONFIG_KEY]: parsed.config, [LAST_GOOD_KEY]: parsed.config });
    return { ok: true, state: this.state };
  }

  /**
   * Reads the stored settings again and takes them as a storage event would. A worker stopped
   * after a write but before its storage event ran never gets that event again (Chrome does not
   * dispatch it twice); whoever saw the change asks for this instead.
   */
  async recheck(): Promise<void> {
    await this.#onStored(await readLocal(CONFIG_KEY));
  }

  /** Someone wrote storage.local directly (a user, a test, another extension page). */
  watchStorage(loaded: Promise<unknown>): void {
    onLocalChanged(CONFIG_KEY, (value) => {
      // Judged against what load() found, never against the placeholder defaults before it.
      void loaded.then(() => this.#onStored(value));
    });
  }

  async #onStored(value: unknown): Promise<void> {
    if (value === undefined) {
      await this.#restoreRemoved(this.#config);
      return;
    }
    // Our own write echoed back (storage may reorder its keys), or one that changes nothing.
    if (sameValue(value, this.#config)) return;
    const parsed = parseConfig(value);
    if (parsed.ok) {
      this.#adopt(parsed.config);
      this.#problems = [];
      await writeLocal(LAST_GOOD_KEY, parsed.config);
      return;
    }
    await this.#refuse(value, parsed.errors, this.#config);
  }

  /** Keeps `lastGood` in force and in storage; the refused object is kept for the user to fix. */
  async #refuse(refused: unknown, errors: readonly string[], lastGood: Config): Promise<void> {
    this.#adopt(lastGood);
    this.#problems = [
      `A settings write was refused and the previous settings stay in force (the refused object is kept under "${REJECTED_CONFIG_KEY}"): ${errors.join('; ')}`,
    ];
    await writeLocalItems({ [REJECTED_CONFIG_KEY]: refused, [CONFIG_KEY]: lastGood });
  }

  /** The `config` key was removed: the settings in force are written back, and the user told. */
  async #restoreRemoved(lastGood: Config): Promise<void> {
    this.#adopt(lastGood);
    this.#problems = [
      `The stored settings were removed, so the last good settings were restored and stay in force.`,
    ];
    await writeLocal(CONFIG_KEY, lastGood);
  }

  #adopt(config: Config): void {
    this.#config = config;
    for (const listener of this.#listeners) listener(config);
  }
}
