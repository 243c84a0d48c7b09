import { refusal } from './errors';
import { writeTransaction, type Connection } from './transaction';

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
 * Spans deleted per transaction. A readwrite transaction blocks every other writer on the store
 * (the recorder, the exporter, another DevTools window), so evicting 150k spans in one would
 * stall recording for its whole length; small ones let writes in between.
 */
export const EVICTION_BATCH = 1000;

/**
 * Evicts the oldest spans (by `startTime`, ties by key) until none is older than `maxAgeMs`
 * and at most `maxSpans` remain, one transaction per `batchSize` spans. Returns how many went.
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
    const batch = await evictBatch(db, cutoff, maxSpans, batchSize);
    evicted += batch.evicted;
    if (!batch.more) return evicted;
  }
}

interface Batch {
  readonly evicted: number;
  /** Another span was due when the batch was full. */
  readonly more: boolean;
}

/**
 * Counts and deletes in the same transaction, so spans other connections write meanwhile are
 * counted too. A key cursor on the startTime index walks oldest first without reading values.
 */
async function evictBatch(
  db: Connection,
  cutoff: number,
  maxSpans: number,
  batchSize: number,
): Promise<Batch> {
  let evicted = 0;
  let more = false;
  try {
    await writeTransaction(db, (store) => {
      const count = store.count();
      count.onsuccess = () => {
        const walk = store.index('startTime').openKeyCursor();
        walk.onsuccess = () => {
          const cursor = walk.result;
          if (cursor === null) return;
          const due = (cursor.key as number) < cutoff || count.result - evicted > maxSpans;
          if (!due) return;
          if (evicted === batchSize) {
            more = true;
            return;
          }
          store.delete(cursor.primaryKey);
          evicted += 1;
          cursor.continue();
        };
      };
    });
  } catch (error) {
    throw refusal('evict old spans', error, 'Earlier batches stay evicted; this one was not.');
  }
  return { evicted, more };
}
