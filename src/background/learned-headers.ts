import { isUberctxName, MAX_LEARNED_UBERCTX } from '../core/config/strip-headers';
import { readSession, writeSession } from '../platform/storage';

const SESSION_KEY = 'learnedUberctx';

/**
 * The `uberctx-*` header names enabled pages were seen to set for keys the user did not
 * configure. Chrome's rules cannot remove headers by prefix, so each name must be named in the
 * strip rules before a request carrying it goes out (the page hook waits for that). Kept in
 * session storage so a service-worker restart keeps them; at most MAX_LEARNED_UBERCTX.
 */
export class LearnedHeaders {
  #names = new Set<string>();

  async restore(): Promise<void> {
    const stored = await readSession(SESSION_KEY);
    if (!Array.isArray(stored)) return;
    for (const name of stored) if (typeof name === 'string') this.#add(name);
  }

  get names(): readonly string[] {
    return [...this.#names].sort();
  }

  has(name: string): boolean {
    return this.#names.has(name);
  }

  /**
   * Learns what fits; returns the names that are now known and those refused (malformed, or past
   * the cap), and whether anything was added, so the caller re-applies the rules only then.
   */
  learn(candidates: readonly string[]): { known: string[]; refused: string[]; added: boolean } {
    const known: string[] = [];
    const refused: string[] = [];
    let added = false;
    for (const raw of candidates) {
      const name = raw.toLowerCase();
      if (this.#names.has(name)) known.push(name);
      else if (this.#add(name)) {
        known.push(name);
        added = true;
      } else refused.push(name);
    }
    if (added) void writeSession(SESSION_KEY, this.names);
    return { known, refused, added };
  }

  #add(name: string): boolean {
    if (!isUberctxName(name) || this.#names.size >= MAX_LEARNED_UBERCTX) return false;
    this.#names.add(name);
    return true;
  }
}
