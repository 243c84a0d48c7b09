/** Full spans: of one trace, of one page view, or one by key. */
import type { RecordedSpan } from '../../core/span/model';
import { decodeSpan } from '../../core/span/span-codec';
import { loadPairs, type ChunkPair } from './load';
import { CHUNKS, exportStateAt, KEY_INDEX, PAGE_VIEW_INDEX, ROWS } from './records';
import { request } from './requests';
import { readTransaction, type Connection } from './transaction';

/** Every span of one trace, by start time (ties by span id). */
export function spansOfTrace(db: Connection, traceId: string): Promise<RecordedSpan[]> {
  return readTransaction(db, [CHUNKS, ROWS], async (s) => {
    // Array keys order by their first member, then the next: [t] < [t, any id] < [t, []].
    const range = IDBKeyRange.bound([traceId], [traceId, []]);
    const ids = await request(() => s.chunks.index(KEY_INDEX).getAllKeys(range));
    const pairs = await loadPairs(s, unique(ids));
    return spansWhere(pairs, (p, slot) => p.rows.rows.traceId[slot] === traceId).sort(
      (a, b) => a.startTime - b.startTime || compareText(a.spanId, b.spanId),
    );
  });
}

/** Every span recorded during one page view, by start time (ties by trace and span id). */
export function spansOfPageView(db: Connection, pageViewId: string): Promise<RecordedSpan[]> {
  return readTransaction(db, [CHUNKS, ROWS], async (s) => {
    const ids = await request(() => s.chunks.index(PAGE_VIEW_INDEX).getAllKeys(pageViewId));
    const pairs = await loadPairs(s, unique(ids));
    return spansWhere(pairs, (p, slot) => {
      const { rows } = p.rows;
      return rows.strings[rows.pageViewId[slot] ?? -1] === pageViewId;
    }).sort(
      (a, b) =>
        a.startTime - b.startTime ||
        compareText(a.traceId, b.traceId) ||
        compareText(a.spanId, b.spanId),
    );
  });
}

/** One span by its key, or undefined. */
export function getSpan(
  db: Connection,
  traceId: string,
  spanId: string,
): Promise<RecordedSpan | undefined> {
  return readTransaction(db, [CHUNKS, ROWS], async (s) => {
    const id = await request(() => s.chunks.index(KEY_INDEX).getKey([traceId, spanId]));
    if (id === undefined) return undefined;
    const pairs = await loadPairs(s, [id as number]);
    return spansWhere(pairs, (p, slot) => {
      const { rows } = p.rows;
      return rows.traceId[slot] === traceId && rows.spanId[slot] === spanId;
    })[0];
  });
}

/** Decodes only the slots `keep` accepts: the rest of each chunk stays text. */
function spansWhere(
  pairs: readonly ChunkPair[],
  keep: (pair: ChunkPair, slot: number) => boolean,
): RecordedSpan[] {
  const spans: RecordedSpan[] = [];
  for (const pair of pairs) {
    pair.chunk.spans.forEach((span, slot) => {
      if (keep(pair, slot)) spans.push(decodeSpan(span, exportStateAt(pair.rows, slot)));
    });
  }
  return spans;
}

function unique(ids: readonly IDBValidKey[]): number[] {
  return [...new Set(ids as number[])];
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
