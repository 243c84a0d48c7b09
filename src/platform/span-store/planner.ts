/**
 * Which chunks can hold the first `wanted` spans in the store's order, decided from index keys
 * alone (pure). Chunks are offered in ascending order of their lowest start; each says where its
 * spans lie, [low, high], and how many of them certainly qualify. Once the chunks offered hold
 * `wanted` qualifying spans that all start by some time `bound`, a chunk starting after `bound`
 * cannot hold one of the first `wanted`, and neither can any later one.
 *
 * Spans of a chunk usually start within seconds of each other, so the walk stops a chunk or two
 * past the last one it needs. A chunk that spans a long time (an upsert of an early span, an
 * import) only makes the walk read it as well: the answer stays exact.
 */

export interface ChunkExtent {
  readonly id: number;
  /** Start times of the chunk's candidate spans lie in [low, high]. */
  readonly low: number;
  readonly high: number;
  /** How many of its spans qualify for certain (0 when only some may). */
  readonly certain: number;
}

export class PrefixPlanner {
  readonly #wanted: number;
  readonly #chosen: number[] = [];
  readonly #full: { high: number; certain: number }[] = [];
  #bound = Infinity;

  constructor(wanted: number) {
    this.#wanted = wanted;
  }

  /** The chunks to read, in the order offered. */
  get chosen(): readonly number[] {
    return this.#chosen;
  }

  /** Offers the next chunk; false when it and every later one can be left out. */
  offer(extent: ChunkExtent): boolean {
    if (this.#wanted <= 0 || extent.low > this.#bound) return false;
    this.#chosen.push(extent.id);
    if (extent.certain > 0) {
      this.#full.push({ high: extent.high, certain: extent.certain });
      this.#bound = this.#tightest();
    }
    return true;
  }

  /** The earliest time by which `wanted` certain spans have started, or Infinity. */
  #tightest(): number {
    const byHigh = [...this.#full].sort((a, b) => a.high - b.high);
    let total = 0;
    for (const { high, certain } of byHigh) {
      total += certain;
      if (total >= this.#wanted) return high;
    }
    return Infinity;
  }
}

/** The same planner for the newest first: start times negated. */
export function newestExtent(
  id: number,
  minStart: number,
  maxStart: number,
  certain: number,
): ChunkExtent {
  return { id, low: -maxStart, high: -minStart, certain };
}

/** getAll's count is an unsigned long (WebIDL [EnforceRange]): larger throws. */
const MAX_COUNT = 2 ** 32 - 1;

/** A caller's limit as a count: 0 for 0, less, or NaN (IndexedDB's own 0 means "no limit"). */
export function wantedCount(limit: number): number {
  return limit >= 1 ? Math.min(Math.floor(limit), MAX_COUNT) : 0;
}
