import type { PreparedSpan } from './prepare';
import type { ChunkState, Slot } from './records';

/** How big a chunk grows before the next span starts a new one (docs/storage.md "Layout"). */
export interface ChunkLimits {
  readonly spans: number;
  /** Encoded span text; the chunk record stays under Chromium's 64 KiB inline-value limit. */
  readonly bytes: number;
}

export const DEFAULT_CHUNK_LIMITS: ChunkLimits = { spans: 64, bytes: 56 * 1024 };

/**
 * The chunks one write transaction rewrites, and what that does to the counts. Every change to
 * a chunk goes through here, so the counts written to `meta` match the slots written.
 */
export class WriteSet {
  readonly #dirty = new Map<number, ChunkState>();
  #nextRevision: number;
  added = 0;
  replaced = 0;
  /** Change in the number of unexported spans. */
  unexported = 0;

  constructor(nextRevision: number) {
    this.#nextRevision = nextRevision;
  }

  get nextRevision(): number {
    return this.#nextRevision;
  }

  /** Every chunk changed so far, in the order first changed. */
  get dirty(): ChunkState[] {
    return [...this.#dirty.values()];
  }

  /** A slot for `span`, with the next revision: this write's mark on it. */
  slot(span: PreparedSpan): Slot {
    const revision = this.#nextRevision;
    this.#nextRevision += 1;
    return { span: span.span, row: span.row, revision, size: span.size };
  }

  append(chunk: ChunkState, slot: Slot): void {
    chunk.slots.push(slot);
    this.#dirty.set(chunk.id, chunk);
    this.added += 1;
    this.unexported += unexported(slot);
  }

  /** Takes an appended slot back out, when its key turns out to be stored elsewhere. */
  unappend(chunk: ChunkState, slot: Slot): void {
    chunk.slots = chunk.slots.filter((s) => s !== slot);
    this.added -= 1;
    this.unexported -= unexported(slot);
  }

  /** The stored span in slot `at` of `chunk` becomes `slot`: an upsert, in place. */
  replace(chunk: ChunkState, at: number, slot: Slot): void {
    const old = chunk.slots[at];
    if (old === undefined)
      throw new RangeError(`chunk ${String(chunk.id)} has no slot ${String(at)}`);
    chunk.slots[at] = slot;
    this.#dirty.set(chunk.id, chunk);
    this.replaced += 1;
    this.unexported += unexported(slot) - unexported(old);
  }
}

function unexported(slot: Slot): number {
  return slot.row.exported === 0 ? 1 : 0;
}

/** Room for one more span of `size` bytes: a chunk always takes its first span. */
export function fits(chunk: ChunkState, bytes: number, size: number, limits: ChunkLimits): boolean {
  return (
    chunk.slots.length === 0 || (chunk.slots.length < limits.spans && bytes + size <= limits.bytes)
  );
}

export function chunkBytes(chunk: ChunkState): number {
  let bytes = 0;
  for (const slot of chunk.slots) bytes += slot.size;
  return bytes;
}

/** Whether the next batch may append to `chunk`. */
export function hasRoom(chunk: ChunkState, limits: ChunkLimits): boolean {
  return chunk.slots.length < limits.spans && chunkBytes(chunk) < limits.bytes;
}
