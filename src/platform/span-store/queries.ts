import type { RecordedSpan } from '../../core/span/model';
import { SPANS, type SpanDatabase } from './schema';

/** Every span of one trace, by start time (ties by span id). */
export async function spansOfTrace(db: SpanDatabase, traceId: string): Promise<RecordedSpan[]> {
  return byStartTime(await db.getAllFromIndex(SPANS, 'traceId', traceId));
}

/** Every span recorded during one page view, by start time (ties by trace and span id). */
export async function spansOfPageView(
  db: SpanDatabase,
  pageViewId: string,
): Promise<RecordedSpan[]> {
  return byStartTime(await db.getAllFromIndex(SPANS, 'pageViewId', pageViewId));
}

/** The `limit` spans that started last, newest first. */
export async function recent(db: SpanDatabase, limit: number): Promise<RecordedSpan[]> {
  const wanted = count(limit);
  const spans: RecordedSpan[] = [];
  if (wanted === 0) return spans;
  const tx = db.transaction(SPANS, 'readonly');
  let cursor = await tx.store.index('startTime').openCursor(null, 'prev');
  while (cursor !== null) {
    spans.push(cursor.value);
    if (spans.length === wanted) break;
    cursor = await cursor.continue();
  }
  await tx.done;
  return spans;
}

/** The `limit` oldest spans no backend has accepted yet: the exporter's next batch. */
export async function unexported(db: SpanDatabase, limit: number): Promise<RecordedSpan[]> {
  const wanted = count(limit);
  if (wanted === 0) return [];
  const range = IDBKeyRange.bound([0, -Infinity], [0, Infinity]);
  return db.getAllFromIndex(SPANS, 'exported_startTime', range, wanted);
}

/** getAll's `count` is an unsigned long (WebIDL [EnforceRange]): larger throws. */
const MAX_COUNT = 2 ** 32 - 1;

/** getAll's count 0 means "no limit"; a limit of 0 (or less, or NaN) must mean none. */
function count(limit: number): number {
  return limit >= 1 ? Math.min(Math.floor(limit), MAX_COUNT) : 0;
}

function byStartTime(spans: RecordedSpan[]): RecordedSpan[] {
  // Array sort is stable: ties keep the index's order, which is by key.
  return spans.sort((a, b) => a.startTime - b.startTime);
}
