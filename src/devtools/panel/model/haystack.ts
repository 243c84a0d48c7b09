/**
 * Lowercase copies of the text a filter searches (name and URL), made once per row and kept while
 * the row lives. Lowercasing 100,000 rows on every keystroke would allocate 200,000 strings each
 * time; with this cache only the first filter pays, and later keystrokes only compare.
 */

export interface Haystack {
  readonly name: string;
  readonly url: string;
}

interface Searchable {
  readonly name: string;
  readonly url: string;
}

/** Keyed by the row object itself, so a row the store drops takes its entry with it. */
const cache = new WeakMap<Searchable, Haystack>();

export function haystackOf(row: Searchable): Haystack {
  let entry = cache.get(row);
  if (entry === undefined) {
    entry = {
      name: typeof row.name === 'string' ? row.name.toLowerCase() : '',
      url: typeof row.url === 'string' ? row.url.toLowerCase() : '',
    };
    cache.set(row, entry);
  }
  return entry;
}
