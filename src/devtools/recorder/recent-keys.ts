/** A bounded set that forgets its oldest keys: memory stays flat however long DevTools is open. */
export class RecentKeys {
  #keys = new Set<string>();

  constructor(private readonly limit: number) {}

  /** Adds `key`; false when it was already there. */
  add(key: string): boolean {
    if (this.#keys.has(key)) return false;
    this.#keys.add(key);
    if (this.#keys.size > this.limit) {
      const oldest = this.#keys.values().next();
      if (oldest.done !== true) this.#keys.delete(oldest.value);
    }
    return true;
  }
}
