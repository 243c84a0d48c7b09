import { parseConfig } from '../core/config/parse';
import { DEFAULT_CONFIG, type Config } from '../core/config/schema';
import { CONFIG_KEY, onLocalChanged, readLocal, writeLocal } from '../platform/storage';
import type { ConfigState, ConfigWriteResult } from '../shared/messages';

/** Where a refused direct write is kept, so the user can fix it instead of losing it. */
export const REJECTED_CONFIG_KEY = 'configRejected';

/**
 * Owns the settings in force. Writes are validated by the pure parser; an invalid one is
 * refused and the last good settings stay in force. Unreadable stored data is reported and
 * the defaults are used in its place.
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
    const stored = await readLocal(CONFIG_KEY);
    if (stored === undefined) {
      await writeLocal(CONFIG_KEY, DEFAULT_CONFIG); // first install: visible, injection off
      this.#adopt(DEFAULT_CONFIG);
      return;
    }
    const parsed = parseConfig(stored);
    if (parsed.ok) {
      this.#adopt(parsed.config);
    } else {
      this.#adopt(DEFAULT_CONFIG);
      this.#problems = [
        `The stored settings could not be read, so the defaults are in use: ${parsed.errors.join('; ')}`,
      ];
    }
  }

  /** Validates and stores a candidate from the popup; refused candidates change nothing. */
  async write(candidate: unknown): Promise<ConfigWriteResult> {
    const parsed = parseConfig(candidate);
    if (!parsed.ok) return { ok: false, errors: parsed.errors };
    this.#adopt(parsed.config);
    this.#problems = [];
    await writeLocal(CONFIG_KEY, parsed.config);
    return { ok: true, state: this.state };
  }

  /** Someone wrote storage.local directly (a user, a test, another extension page). */
  watchStorage(): void {
    onLocalChanged(CONFIG_KEY, (value) => {
      void this.#onStored(value);
    });
  }

  async #onStored(value: unknown): Promise<void> {
    if (value === undefined) return;
    if (JSON.stringify(value) === JSON.stringify(this.#config)) return; // our own write
    const parsed = parseConfig(value);
    if (parsed.ok) {
      this.#adopt(parsed.config);
      this.#problems = [];
      return;
    }
    this.#problems = [
      `A settings write was refused and the previous settings stay in force (the refused object is kept under "${REJECTED_CONFIG_KEY}"): ${parsed.errors.join('; ')}`,
    ];
    await writeLocal(REJECTED_CONFIG_KEY, value);
    await writeLocal(CONFIG_KEY, this.#config);
  }

  #adopt(config: Config): void {
    this.#config = config;
    for (const listener of this.#listeners) listener(config);
  }
}
