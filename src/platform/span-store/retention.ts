import { byChunk, candidatesOf, oldest } from './candidates';
import { refusal } from './errors';
import { loadRows } from './load';
import { EMPTY_STATE, readState, type MetaState } from './meta';
import { PrefixPlanner } from './planner';
import {
  BY_START,
  fromRecords,
  toChunkRecord,
  toRowsRecord,
  type ChunkRecord,
  type RowsRecord,
} from './records';
import { request, walkKeys } from './requests';
import { writeTransaction, type Connection, type Stores } from './transaction';

export interface RetentionLimits {
  /** Keep at most this many spans; the oldest by start time go first. */
  readonly maxSpans: number;
  /** Drop spans that started more than this long before `now`. */
  readonly maxAgeMs: number;
}

export const DEFAULT_RETENTION: RetentionLimits = {
  maxSpans: 100_000,
  maxAgeMs: 7 * 24 * 3600 * 1000,
};

/**
 * Spans deleted per transaction. A readwrite transaction blocks every other writer (the
 * recorder, the exporter, another DevTools window), so evicting 150k spans in one would stall
 * recording for its whole length; small ones let writes in between.
 */
export const EVICTION_BATCH = 1000;

/**
 * Evicts the oldest spans (by start time, ties by trace and span id) until none is older than
 * `maxAgeMs` and at most `maxSpans` remain, one transaction per `batchSize` spans. Both limits
 * take a prefix of the store's order, so each batch is the first spans in that order, wherever
 * chunk boundaries fall. Returns how many went.
 */
export async function enforceRetention(
  db: Connection,
  limits: RetentionLimits,
  now: number,
  batchSize: number,
): Promise<number> {
  const { maxSpans, maxAgeMs } = limits;
  const cutoff = now - maxAgeMs;
  // NaN compares false with everything: it would silently switch a limit off.
  if (!(maxSpans >= 0) || !(maxAgeMs >= 0) || Number.isNaN(cutoff)) {
    throw new RangeError(`invalid retention limits ${JSON.stringify(limits)} at ${String(now)}`);
  }
  let evicted = 0;
  for (;;) {
    let batch: Batch;
    try {
      batch = await writeTransaction(db, (s) => evictBatch(s, cutoff, maxSpans, batchSize));
    } catch (error) {
      throw refusal('evict old spans', error, 'Earlier batches stay evicted; this one was not.');
    }
    evicted += batch.evicted;
    if (!batch.more) return evicted;
  }
}

interface Batch {
  readonly evicted: number;
  /** Another span was due when the batch was full. */
  readonly more: boolean;
}

/** Counts and deletes in one transaction, so spans other connections wrote are counted too. */
async function evictBatch(
  s: Stores,
  cutoff: number,
  maxSpans: number,
  batchSize: number,
): Promise<Batch> {
  const state = await readState(s.meta);
  const excess = state.spans - maxSpans;
  // Under the count limit only chunks holding a span older than the cutoff matter:
  // [minStart, …] < [cutoff] exactly when minStart < cutoff.
  const range = excess > 0 ? null : IDBKeyRange.upperBound([cutoff], true);
  const planner = new PrefixPlanner(batchSize + 1);
  await walkKeys(
    () => s.rows.index(BY_START).openKeyCursor(range),
    (key, id) => {
      const [minStart, maxStart, count] = key as [number, number, number];
      return planner.offer({ id: id as number, low: minStart, high: maxStart, certain: count });
    },
  );
  const first = oldest(
    candidatesOf(await loadRows(s, planner.chosen), () => true),
    batchSize + 1,
  );
  const due = (i: number): boolean => i < excess || (first[i]?.startTime ?? Infinity) < cutoff;
  let take = 0;
  while (take < Math.min(batchSize, first.length) && due(take)) take += 1;
  const more = take === batchSize && first.length > batchSize && due(batchSize);
  if (take === 0) return { evicted: 0, more: false };

  let unexported = 0;
  let openGone = false;
  for (const [id, group] of byChunk(first.slice(0, take))) {
    const record = group[0]?.record as RowsRecord;
    for (const c of group) if (record.rows.exported[c.slot] === 0) unexported += 1;
    if (group.length === record.count) {
      s.chunks.delete(id);
      s.rows.delete(id);
      openGone ||= state.openChunk === id;
      continue;
    }
    const chunk = (await request(() => s.chunks.get(id))) as ChunkRecord | undefined;
    if (chunk === undefined) throw new Error(`span chunk ${String(id)} is missing`);
    const remaining = fromRecords(chunk, record);
    const gone = new Set(group.map((c) => c.slot));
    remaining.slots = remaining.slots.filter((_, slot) => !gone.has(slot));
    s.chunks.put(toChunkRecord(remaining));
    s.rows.put(toRowsRecord(remaining));
  }
  const next: MetaState = {
    ...state,
    spans: state.spans - take,
    unexported: state.unexported - unexported,
    openChunk: openGone ? null : state.openChunk,
    evictedUnexported: (state.evictedUnexported ?? 0) + unexported,
  };
  s.meta.put(next);
  return { evicted: take, more };
}

/** Removes every span; chunk ids and revisions keep counting, so no old reference matches. */
export async function clear(db: Connection): Promise<number> {
  try {
    return await writeTransaction(db, async (s) => {
      const state = await readState(s.meta);
      s.chunks.clear();
      s.rows.clear();
      s.meta.put({
        ...EMPTY_STATE,
        nextChunk: state.nextChunk,
        nextRevision: state.nextRevision,
      });
      return state.spans;
    });
  } catch (error) {
    throw refusal('clear the spans', error, 'Nothing was removed.');
  }
}
