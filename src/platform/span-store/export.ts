/**
 * The exporter's side: the oldest spans no backend has accepted yet, and marking them accepted.
 * Export state lives in the rows record, one flag per span, so marking 1000 spans rewrites the
 * few small rows records they sit in, never the chunks of full spans.
 */
import type { RecordedSpan } from '../../core/span/model';
import { decodeSpan } from '../../core/span/span-codec';
import { byChunk, candidatesOf, oldest } from './candidates';
import { refusal } from './errors';
import { loadRows } from './load';
import { readState } from './meta';
import { PrefixPlanner, wantedCount } from './planner';
import {
  BY_UNEXPORTED,
  CHUNKS,
  KEY_INDEX,
  keyText,
  ROWS,
  summarize,
  type ChunkRecord,
} from './records';
import { request, walkKeys } from './requests';
import { readTransaction, writeTransaction, type Connection } from './transaction';
import { plural } from './write';

export interface ExportLimits {
  /** At most this many spans. */
  readonly maxSpans: number;
  /** At most this many bytes of span JSON, but always at least one span. */
  readonly maxBytes: number;
}

/** Names a span handed out for export; pass it back to `markExported` once a backend took it. */
export interface ExportRef {
  readonly traceId: string;
  readonly spanId: string;
  /** Where the span was read; without it the span is looked up by key. */
  readonly chunk?: number;
  /** The write it was read at; without it whatever is stored under the key is marked. */
  readonly revision?: number;
}

export interface ExportBatch {
  /** Oldest first by start time (ties by trace and span id). */
  readonly spans: readonly RecordedSpan[];
  /** One per span, in the same order. */
  readonly refs: readonly ExportRef[];
  /** Their `encodedSize` together. */
  readonly bytes: number;
}

const NONE: ExportBatch = { spans: [], refs: [], bytes: 0 };

export function nextExportBatch(db: Connection, limits: ExportLimits): Promise<ExportBatch> {
  const wanted = wantedCount(limits.maxSpans);
  if (wanted === 0) return Promise.resolve(NONE);
  return readTransaction(db, [CHUNKS, ROWS], async (s) => {
    const planner = new PrefixPlanner(wanted);
    await walkKeys(
      () => s.rows.index(BY_UNEXPORTED).openKeyCursor(),
      (key, id) => {
        const [minUnexported, maxStart, unexported] = key as [number, number, number];
        return planner.offer({
          id: id as number,
          low: minUnexported,
          high: maxStart,
          certain: unexported,
        });
      },
    );
    const records = await loadRows(s, planner.chosen);
    const first = oldest(
      candidatesOf(records, (r, slot) => r.rows.exported[slot] === 0),
      wanted,
    );
    // NaN or less than nothing: as small a batch as can be, one span.
    const maxBytes = limits.maxBytes >= 0 ? limits.maxBytes : 0;
    let bytes = 0;
    let taken = 0;
    for (const c of first) {
      const size = c.record.size[c.slot] ?? 0;
      if (taken > 0 && bytes + size > maxBytes) break;
      bytes += size;
      taken += 1;
    }
    const chosen = first.slice(0, taken);
    const ids = [...byChunk(chosen).keys()];
    const chunks = await Promise.all(ids.map((id) => request(() => s.chunks.get(id))));
    const byId = new Map(ids.map((id, i) => [id, chunks[i] as ChunkRecord | undefined]));
    const spans = chosen.map((c) => {
      const encoded = byId.get(c.record.id)?.spans[c.slot];
      if (encoded === undefined) throw new Error(`span chunk ${String(c.record.id)} is missing`);
      return decodeSpan(encoded, 0);
    });
    const refs = chosen.map((c) => ({
      traceId: c.traceId,
      spanId: c.spanId,
      chunk: c.record.id,
      revision: c.record.revision[c.slot] ?? 0,
    }));
    return { spans, refs, bytes };
  });
}

/**
 * Marks these spans exported in one transaction and resolves with how many it marked. A span no
 * longer stored (evicted meanwhile), already exported, or rewritten since it was read (its
 * `revision` differs: a widened page-view span, whose new extent is still to be sent) is left
 * as it is. Marking the same span twice counts it once.
 */
export async function markExported(db: Connection, refs: readonly ExportRef[]): Promise<number> {
  if (refs.length === 0) return 0;
  try {
    return await writeTransaction(db, async (s) => {
      const index = s.chunks.index(KEY_INDEX);
      const located = await Promise.all(
        refs.map(
          async (ref) =>
            ref.chunk ?? (await request(() => index.getKey([ref.traceId, ref.spanId]))),
        ),
      );
      const wanted = new Map<number, ExportRef[]>();
      refs.forEach((ref, i) => {
        const id = located[i];
        if (typeof id !== 'number') return;
        wanted.set(id, [...(wanted.get(id) ?? []), ref]);
      });
      const records = await loadRows(s, [...wanted.keys()]);
      let marked = 0;
      for (const record of records) {
        const { rows } = record;
        const slots = new Map(rows.traceId.map((t, i) => [keyText(t, rows.spanId[i] ?? ''), i]));
        let changed = false;
        for (const ref of wanted.get(record.id) ?? []) {
          const slot = slots.get(keyText(ref.traceId, ref.spanId));
          if (slot === undefined || rows.exported[slot] !== 0) continue;
          if (ref.revision !== undefined && record.revision[slot] !== ref.revision) continue;
          rows.exported[slot] = 1;
          marked += 1;
          changed = true;
        }
        if (changed) s.rows.put(summarize(record.id, rows, record.revision, record.size));
      }
      if (marked > 0) {
        const state = await readState(s.meta);
        s.meta.put({ ...state, unexported: state.unexported - marked });
      }
      return marked;
    });
  } catch (error) {
    throw refusal(`mark ${plural(refs.length, 'span')} exported`, error, 'None was marked.');
  }
}
