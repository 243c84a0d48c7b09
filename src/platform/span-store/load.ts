import { fromRecords, type ChunkRecord, type ChunkState, type RowsRecord } from './records';
import { request } from './requests';
import type { Stores } from './transaction';

/** Both records of a chunk. */
export interface ChunkPair {
  readonly chunk: ChunkRecord;
  readonly rows: RowsRecord;
}

/** The chunk decoded for rewriting, or undefined when it is gone (evicted, cleared). */
export async function loadChunk(s: Stores, id: number): Promise<ChunkState | undefined> {
  const pair = (await loadPairs(s, [id]))[0];
  return pair && fromRecords(pair.chunk, pair.rows);
}

/** The rows records of `ids` that are still stored, in the order of `ids`. */
export async function loadRows(s: Stores, ids: readonly number[]): Promise<RowsRecord[]> {
  const records = await Promise.all(ids.map((id) => request(() => s.rows.get(id))));
  return records.filter((r): r is RowsRecord => r !== undefined);
}

/** Both records of each chunk in `ids` still stored, in the order of `ids`. */
export async function loadPairs(s: Stores, ids: readonly number[]): Promise<ChunkPair[]> {
  const [chunks, rows] = await Promise.all([
    Promise.all(ids.map((id) => request(() => s.chunks.get(id)))),
    Promise.all(ids.map((id) => request(() => s.rows.get(id)))),
  ]);
  const pairs: ChunkPair[] = [];
  ids.forEach((id, i) => {
    const chunk = chunks[i] as ChunkRecord | undefined;
    const record = rows[i] as RowsRecord | undefined;
    if (chunk === undefined && record === undefined) return;
    if (chunk === undefined || record === undefined) {
      throw new Error(`span chunk ${String(id)} has lost one of its two records`);
    }
    pairs.push({ chunk, rows: record });
  });
  return pairs;
}
