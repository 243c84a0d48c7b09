import { isUberctxName, MAX_LEARNED_UBERCTX } from '../core/config/strip-headers';
import { readSession, writeSession } from '../platform/storage';

const SESSION_KEY = 'learnedUberctx';
const CONFIGURED_KEY = 'configuredUberctx';

/**
 * The `uberctx-*` header names enabled pages were seen to set for keys the user did not
 * configure. Chrome's rules cannot remove headers by prefix, so each name must be named in the
 * strip rules before a request carrying it goes out (the page hook waits for that). Kept in
 * session storage so a service-worker restart keeps them; at most MAX_LEARNED_UBERCTX.
 *
 * It also keeps the names of every baggage key configured this session: after a key is removed,
 * a page's hook goes on writing its uberctx header until the page's bridge hears of the change,
 * which may be after the rules have changed, so the rules go on naming it.
 */
export class LearnedHeaders {
  #names = new Set<string>();
  #configured = new Set<string>();

  async restore(): Promise<void> {
    const [stored, configured] = await Promise.all([
      readSession(SESSION_KEY),
      readSession(CONFIGURED_KEY),
    ]);
    if (Array.isArray(stored)) {
      for (const name of stored) if (typeof name === 'string') this.#add(name);
    }
    if (Array.isArray(configured)) {
      for (const name of configured) {
        if (typeof name === 'string' && isUberctxName(name)) this.#configured.add(name);
      }
    }
  }

  /** The learned names and every configured one, sorted: what the strip rules name. */
  get names(): readonly string[] {
    return [...new Set([...this.#names, ...this.#configured])].sort();
  }

  /**
   * Keeps configured names (configuredUberctxNames) for the session. Not capped: the settings
   * parser bounds each config, and only the user adds to them.
   */
  remember(names: readonly string[]): void {
    let added = false;
    for (const name of names) {
      if (!isUberctxName(name) || this.#configured.has(name)) continue;
      this.#configured.add(name);
      added = true;
    }
    if (added) void writeSession(CONFIGURED_KEY, [...this.#configured].sort());
  }

  has(name: string): boolean {
    return this.#names.has(name) || this.#configured.has(name);
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
      if (this.has(name)) known.push(name);
      else if (this.#add(name)) {
        known.push(name);
        added = true;
      } else refused.push(name);
    }
    if (added) void writeSession(SESSION_KEY, [...this.#names].sort());
    return { known, refused, added };
  }

  #add(name: string): boolean {
    if (!isUberctxName(name) || this.#names.size >= MAX_LEARNED_UBERCTX) return false;
    this.#names.add(name);
    return true;
  }
}
