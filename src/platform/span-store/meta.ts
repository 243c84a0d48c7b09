/**
 * The `meta` store's records. `state` is read and rewritten by every write transaction, which
 * IndexedDB runs one at a time, so its counts are exact: they change in the same transaction as
 * the spans they count.
 */
import { request } from './requests';

export const STATE_KEY = 'state';
export const MIGRATION_KEY = 'migration';

export interface MetaState {
  readonly key: typeof STATE_KEY;
  /** Spans stored. */
  readonly spans: number;
  /** Spans stored with exported 0. */
  readonly unexported: number;
  /** Ids are never reused, so a stale reference to a chunk can never name a newer one. */
  readonly nextChunk: number;
  readonly nextRevision: number;
  /** The chunk small batches are appended to while it has room, or null. */
  readonly openChunk: number | null;
  /**
   * Spans retention evicted before any backend accepted them, ever (cleared with the store):
   * invariant 5 says those are counted and reported, never dropped silently. Absent in state
   * written before it was counted.
   */
  readonly evictedUnexported?: number;
}

/** What the migration from version 1 carried over (docs/storage.md "Versions and migrations"). */
export interface MigrationRecord {
  readonly key: typeof MIGRATION_KEY;
  readonly fromVersion: number;
  readonly moved: number;
  /** Version-1 records without a key or a start time, which version 1 never wrote. */
  readonly skipped: number;
}

export const EMPTY_STATE: MetaState = {
  key: STATE_KEY,
  spans: 0,
  unexported: 0,
  nextChunk: 1,
  nextRevision: 1,
  openChunk: null,
  evictedUnexported: 0,
};

export async function readState(meta: IDBObjectStore): Promise<MetaState> {
  const state = (await request(() => meta.get(STATE_KEY))) as MetaState | undefined;
  return state ?? EMPTY_STATE;
}
