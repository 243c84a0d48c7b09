/** Reading compact rows: the newest page, and all of them block by block. */
import { compareRows, type CompactRow, type RowPosition } from '../../core/span/compact-row';
import type { RecordedSpan } from '../../core/span/model';
import { rowAt, type RowBlock } from '../../core/span/row-block';
import { decodeSpan } from '../../core/span/span-codec';
import { candidatesOf, newest } from './candidates';
import { loadRows } from './load';
import { newestExtent, PrefixPlanner, wantedCount } from './planner';
import { BY_END, CHUNKS, exportStateAt, ROWS, type ChunkRecord, type RowsRecord } from './records';
import { request, walkKeys } from './requests';
import { readTransaction, type Connection } from './transaction';

/**
 * The `limit` newest rows that come before `before` in the store's order (all rows when it is
 * absent), newest first. Pass the last row of one page as `before` to get the next page.
 */
export function newestRows(
  db: Connection,
  limit: number,
  before?: RowPosition,
): Promise<CompactRow[]> {
  const wanted = wantedCount(limit);
  if (wanted === 0) return Promise.resolve([]);
  return readTransaction(db, [ROWS], async (s) => {
    const planner = new PrefixPlanner(wanted);
    await walkKeys(
      () => s.rows.index(BY_END).openKeyCursor(null, 'prev'),
      (key, id) => {
        const [maxStart, minStart, count] = key as [number, number, number];
        // Every span of the chunk starts after `before`: it cannot hold one, but later ones can.
        if (before !== undefined && minStart > before.startTime) return true;
        const certain = before === undefined || maxStart < before.startTime ? count : 0;
        return planner.offer(newestExtent(id as number, minStart, maxStart, certain));
      },
    );
    const all = candidatesOf(await loadRows(s, planner.chosen), () => true);
    const earlier = before === undefined ? all : all.filter((c) => compareRows(c, before) < 0);
    return newest(earlier, wanted).map((c) => rowAt(c.record.rows, c.slot));
  });
}

export interface StreamOptions {
  /** Stops the stream: the next step throws the signal's reason. */
  readonly signal?: AbortSignal;
  /** Chunks read per transaction. */
  readonly chunksPerRead?: number;
}

const CHUNKS_PER_READ = 64;

/**
 * Every row, one block per chunk, in the order chunks were written. Each read is its own short
 * transaction, so a long scan never holds up writers; a chunk changed behind the scan is seen as
 * it was, and the live notices carry what changed since.
 */
export async function* rowBlocks(
  db: Connection,
  options: StreamOptions = {},
): AsyncGenerator<RowBlock, void, undefined> {
  for await (const page of pages(
    db,
    options,
    async (s, range, n) => (await request(() => s.rows.getAll(range, n))) as RowsRecord[],
  )) {
    for (const record of page) {
      options.signal?.throwIfAborted();
      yield record.rows;
    }
  }
}

/** Every full span, one array per chunk, in the order chunks were written. */
export async function* spanBlocks(
  db: Connection,
  options: StreamOptions = {},
): AsyncGenerator<RecordedSpan[], void, undefined> {
  for await (const page of pages(db, options, async (s, range, n) => {
    const [chunks, rows] = await Promise.all([
      request(() => s.chunks.getAll(range, n)) as Promise<ChunkRecord[]>,
      request(() => s.rows.getAll(range, n)) as Promise<RowsRecord[]>,
    ]);
    return chunks.map((chunk, i) => ({ id: chunk.id, chunk, rows: rows[i] }));
  })) {
    for (const { chunk, rows } of page) {
      options.signal?.throwIfAborted();
      if (rows?.id !== chunk.id) throw new Error(`span chunk ${String(chunk.id)} has no rows`);
      yield chunk.spans.map((span, slot) => decodeSpan(span, exportStateAt(rows, slot)));
    }
  }
}

/** Reads `read` page after page of chunk ids, one transaction each. */
async function* pages<T extends { readonly id: number }>(
  db: Connection,
  options: StreamOptions,
  read: (
    s: { chunks: IDBObjectStore; rows: IDBObjectStore },
    range: IDBKeyRange | null,
    count: number,
  ) => Promise<T[]>,
): AsyncGenerator<T[], void, undefined> {
  const per = Math.max(1, wantedCount(options.chunksPerRead ?? CHUNKS_PER_READ));
  let after: number | null = null;
  for (;;) {
    options.signal?.throwIfAborted();
    const range: IDBKeyRange | null = after === null ? null : IDBKeyRange.lowerBound(after, true);
    const page: T[] = await readTransaction(db, [CHUNKS, ROWS], (s) => read(s, range, per));
    if (page.length > 0) yield page;
    const last: T | undefined = page.at(-1);
    if (page.length < per || last === undefined) return;
    after = last.id;
  }
}
