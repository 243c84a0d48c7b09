/**
 * Version 1 → 2, inside the upgrade transaction: creates the chunk layout, carries every
 * version-1 span into it in start-time order (so chunks cover short stretches of time, as the
 * recorder writes them), then drops the old store. Nothing is committed until all of it is done.
 */
import type { RecordedSpan } from '../../core/span/model';
import {
  EMPTY_STATE,
  MIGRATION_KEY,
  STATE_KEY,
  type MetaState,
  type MigrationRecord,
} from './meta';
import { prepareSpan } from './prepare';
import {
  BY_END,
  BY_START,
  BY_UNEXPORTED,
  CHUNKS,
  KEY_INDEX,
  META,
  PAGE_VIEW_INDEX,
  ROWS,
  toChunkRecord,
  toRowsRecord,
  type ChunkState,
} from './records';
import { request, walkValues } from './requests';
import { DEFAULT_CHUNK_LIMITS, fits, hasRoom } from './write-set';

/** Version 1's one object store: one record per span. */
export const V1_SPANS = 'spans';

export function createStores(db: IDBDatabase): void {
  const chunks = db.createObjectStore(CHUNKS, { keyPath: 'id' });
  chunks.createIndex(KEY_INDEX, 'keys', { unique: true, multiEntry: true });
  chunks.createIndex(PAGE_VIEW_INDEX, 'pageViews', { multiEntry: true });
  const rows = db.createObjectStore(ROWS, { keyPath: 'id' });
  rows.createIndex(BY_START, ['minStart', 'maxStart', 'count']);
  rows.createIndex(BY_END, ['maxStart', 'minStart', 'count']);
  rows.createIndex(BY_UNEXPORTED, ['minUnexported', 'maxStart', 'unexported']);
  db.createObjectStore(META, { keyPath: 'key' });
}

export async function migrateFromV1(db: IDBDatabase, tx: IDBTransaction): Promise<void> {
  createStores(db);
  const meta = tx.objectStore(META);
  if (!db.objectStoreNames.contains(V1_SPANS)) {
    meta.put(EMPTY_STATE);
    return;
  }
  const old = tx.objectStore(V1_SPANS);
  const chunks = tx.objectStore(CHUNKS);
  const rows = tx.objectStore(ROWS);
  const limits = DEFAULT_CHUNK_LIMITS;
  let chunk: ChunkState = { id: EMPTY_STATE.nextChunk, slots: [] };
  let bytes = 0;
  let revision = EMPTY_STATE.nextRevision;
  let moved = 0;
  let unexported = 0;
  const write = (): void => {
    chunks.put(toChunkRecord(chunk));
    rows.put(toRowsRecord(chunk));
  };
  // The startTime index holds every span version 1 could write: its writes required one.
  const source = old.indexNames.contains('startTime') ? old.index('startTime') : old;
  await walkValues(
    () => source.openCursor(),
    (value) => {
      if (!carriable(value)) return;
      const span = prepareSpan(value);
      // It was stored, so it clones; the check is for the type.
      if (span instanceof Error) return;
      if (!fits(chunk, bytes, span.size, limits)) {
        write();
        chunk = { id: chunk.id + 1, slots: [] };
        bytes = 0;
      }
      chunk.slots.push({ span: span.span, row: span.row, revision, size: span.size });
      revision += 1;
      bytes += span.size;
      moved += 1;
      if (span.row.exported === 0) unexported += 1;
    },
  );
  if (chunk.slots.length > 0) write();
  const total = await request(() => old.count());
  db.deleteObjectStore(V1_SPANS);
  const written = chunk.slots.length > 0;
  const state: MetaState = {
    key: STATE_KEY,
    spans: moved,
    unexported,
    nextChunk: written ? chunk.id + 1 : chunk.id,
    nextRevision: revision,
    openChunk: written && hasRoom(chunk, limits) ? chunk.id : null,
  };
  const record: MigrationRecord = {
    key: MIGRATION_KEY,
    fromVersion: 1,
    moved,
    skipped: total - moved,
  };
  meta.put(state);
  meta.put(record);
}

/**
 * What the chunk layout needs of a version-1 record: its key and a start time to sort by. The
 * rest is carried as it is; a missing page view or export flag only blanks that row field
 * (an export flag other than 1 counts as not exported, so the span is still sent).
 */
function carriable(value: unknown): value is RecordedSpan {
  if (typeof value !== 'object' || value === null) return false;
  const { traceId, spanId, startTime } = value as Record<string, unknown>;
  return (
    typeof traceId === 'string' &&
    traceId !== '' &&
    typeof spanId === 'string' &&
    spanId !== '' &&
    typeof startTime === 'number' &&
    Number.isFinite(startTime)
  );
}
