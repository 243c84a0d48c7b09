/**
 * The write path for the recorder and for import: one batch, one readwrite transaction.
 *
 * New spans fill the open chunk, then new chunks. A span whose key is already stored replaces
 * that copy in its own chunk (the page-view span widened in place). Finding that copy costs
 * nothing for the spans that have none: the `key` index is unique, so the chunk put itself
 * says "one of these keys is taken", and only then are that chunk's keys looked up.
 */
import type { CompactRow } from '../../core/span/compact-row';
import type { RecordedSpan } from '../../core/span/model';
import { refusal } from './errors';
import { loadChunk } from './load';
import { readState, type MetaState } from './meta';
import { NOTHING_STORED, prepareBatch, type PreparedSpan } from './prepare';
import { KEY_INDEX, keyOf, keyText, toChunkRecord, toRowsRecord, type ChunkState } from './records';
import { putUnlessTaken, request } from './requests';
import { writeTransaction, type Connection, type Stores } from './transaction';
import { chunkBytes, fits, hasRoom, WriteSet, type ChunkLimits } from './write-set';

/** What a write stored, for the live notice that lets an open panel append without a read. */
export interface StoredBatch {
  /** Spans whose key was new. */
  readonly added: number;
  /** Spans that replaced the stored span with their key. */
  readonly replaced: number;
  /** The row of every span written, in batch order (a key given twice: its last copy). */
  readonly rows: readonly CompactRow[];
}

const NOTHING: StoredBatch = { added: 0, replaced: 0, rows: [] };

/** Stores the batch whole or not at all; see docs/storage.md "Writing". */
export async function putBatch(
  db: Connection,
  spans: readonly RecordedSpan[],
  limits: ChunkLimits,
): Promise<StoredBatch> {
  if (spans.length === 0) return NOTHING;
  const action = `store ${plural(spans.length, 'span')}`;
  const batch = prepareBatch(spans, action);
  try {
    return await writeTransaction(db, (s) => writeBatch(s, batch, limits));
  } catch (error) {
    throw refusal(action, error, NOTHING_STORED);
  }
}

async function writeBatch(
  s: Stores,
  batch: readonly PreparedSpan[],
  limits: ChunkLimits,
): Promise<StoredBatch> {
  const state = await readState(s.meta);
  const open = state.openChunk === null ? undefined : await loadChunk(s, state.openChunk);
  const set = new WriteSet(state.nextRevision);
  let nextChunk = state.nextChunk;

  const inOpen = new Map(open?.slots.map((slot, i) => [keyText(...keyOf(slot)), i]));
  const fresh: PreparedSpan[] = [];
  for (const span of batch) {
    const at = inOpen.get(span.key);
    if (open !== undefined && at !== undefined) set.replace(open, at, set.slot(span));
    else fresh.push(span);
  }
  const { tail, firstNew } = place(open, fresh, limits, set, () => nextChunk++);

  const written = set.dirty;
  const taken = await Promise.all(
    written.map((c) => putUnlessTaken(() => s.chunks.put(toChunkRecord(c)))),
  );
  const clashed = written.filter((_, i) => !taken[i]);
  if (clashed.length > 0) await replaceElsewhere(s, clashed, firstNew, set);

  for (const chunk of set.dirty) if (chunk.slots.length > 0) s.rows.put(toRowsRecord(chunk));
  const last = tail ?? open;
  const next: MetaState = {
    ...state,
    spans: state.spans + set.added,
    unexported: state.unexported + set.unexported,
    nextChunk,
    nextRevision: set.nextRevision,
    openChunk: last && last.slots.length > 0 && hasRoom(last, limits) ? last.id : null,
  };
  s.meta.put(next);
  return { added: set.added, replaced: set.replaced, rows: batch.map((span) => span.row) };
}

interface Placement {
  /** The chunk the last span went into. */
  readonly tail: ChunkState | undefined;
  /** Per chunk appended to: the first slot this batch appended. */
  readonly firstNew: ReadonlyMap<number, number>;
}

/** Fills the open chunk while it has room, then new chunks of at most `limits`. */
function place(
  open: ChunkState | undefined,
  fresh: readonly PreparedSpan[],
  limits: ChunkLimits,
  set: WriteSet,
  newId: () => number,
): Placement {
  const firstNew = new Map<number, number>();
  let current = open !== undefined && hasRoom(open, limits) ? open : undefined;
  let bytes = current === undefined ? 0 : chunkBytes(current);
  for (const span of fresh) {
    if (current === undefined || !fits(current, bytes, span.size, limits)) {
      current = { id: newId(), slots: [] };
      bytes = 0;
    }
    if (!firstNew.has(current.id)) firstNew.set(current.id, current.slots.length);
    set.append(current, set.slot(span));
    bytes += span.size;
  }
  return { tail: fresh.length > 0 ? current : undefined, firstNew };
}

/**
 * Each chunk in `clashed` was refused because a span appended to it has a key stored in another
 * chunk. Those spans go into their stored copy's slot instead, and the chunk is put again
 * without them; no span of the batch ends up stored twice.
 */
async function replaceElsewhere(
  s: Stores,
  clashed: readonly ChunkState[],
  firstNew: ReadonlyMap<number, number>,
  set: WriteSet,
): Promise<void> {
  const owners = new Map<number, ChunkState>();
  const index = s.chunks.index(KEY_INDEX);
  for (const chunk of clashed) {
    const newcomers = chunk.slots.slice(firstNew.get(chunk.id) ?? chunk.slots.length);
    const found = await Promise.all(
      newcomers.map((slot) => request(() => index.getKey([...keyOf(slot)]))),
    );
    for (const [i, slot] of newcomers.entries()) {
      const id = found[i];
      if (typeof id !== 'number' || id === chunk.id) continue;
      let owner = owners.get(id);
      if (owner === undefined) {
        owner = await loadChunk(s, id);
        if (owner === undefined) throw new Error(`span chunk ${String(id)} is indexed but missing`);
        owners.set(id, owner);
      }
      const key = keyText(...keyOf(slot));
      const at = owner.slots.findIndex((stored) => keyText(...keyOf(stored)) === key);
      if (at < 0) throw new Error(`span chunk ${String(id)} is indexed under a key it lacks`);
      set.unappend(chunk, slot);
      set.replace(owner, at, slot);
    }
    if (
      chunk.slots.length > 0 &&
      !(await putUnlessTaken(() => s.chunks.put(toChunkRecord(chunk))))
    ) {
      throw new Error(`span chunk ${String(chunk.id)} still clashes after its upserts`);
    }
  }
  // Their keys are the ones they had: these puts cannot clash.
  for (const owner of owners.values()) s.chunks.put(toChunkRecord(owner));
}

export function plural(n: number, noun: string): string {
  return `${String(n)} ${noun}${n === 1 ? '' : 's'}`;
}
