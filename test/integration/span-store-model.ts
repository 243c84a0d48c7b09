/**
 * The span store as a plain map: what every query must answer, written the obvious way. The
 * property test runs the same operations on both and compares after each.
 */
import { compactRow, compareRows, type CompactRow } from '../../src/core/span/compact-row';
import type { RecordedSpan } from '../../src/core/span/model';
import { encodedSize, encodeSpan } from '../../src/core/span/span-codec';
import type { ExportLimits, RetentionLimits } from '../../src/platform/span-store';

interface Entry {
  readonly span: RecordedSpan;
  /** Bumped on every write of the key: a mark taken before a rewrite must not apply. */
  readonly revision: number;
}

export interface ModelExport {
  readonly spans: RecordedSpan[];
  readonly revisions: Map<string, number>;
}

const keyOf = (s: { traceId: string; spanId: string }) => `${s.traceId}/${s.spanId}`;

export class StoreModel {
  readonly #entries = new Map<string, Entry>();
  #revision = 0;

  put(batch: readonly RecordedSpan[]): { added: number; replaced: number } {
    const last = new Map(batch.map((s) => [keyOf(s), s]));
    let added = 0;
    for (const [key, span] of last) {
      if (!this.#entries.has(key)) added += 1;
      this.#revision += 1;
      this.#entries.set(key, { span, revision: this.#revision });
    }
    return { added, replaced: last.size - added };
  }

  /** Oldest first. */
  spans(): RecordedSpan[] {
    return [...this.#entries.values()].map((e) => e.span).sort(compareRows);
  }

  rowsNewestFirst(): CompactRow[] {
    return this.spans().reverse().map(compactRow);
  }

  counts(): { spans: number; unexported: number } {
    const spans = this.spans();
    return { spans: spans.length, unexported: spans.filter((s) => s.exported === 0).length };
  }

  spansOfTrace(traceId: string): RecordedSpan[] {
    return this.spans()
      .filter((s) => s.traceId === traceId)
      .sort((a, b) => a.startTime - b.startTime || (a.spanId < b.spanId ? -1 : 1));
  }

  spansOfPageView(pageViewId: string): RecordedSpan[] {
    return this.spans().filter((s) => s.context.pageViewId === pageViewId);
  }

  get(traceId: string, spanId: string): RecordedSpan | undefined {
    return this.#entries.get(keyOf({ traceId, spanId }))?.span;
  }

  nextExport(limits: ExportLimits): ModelExport {
    const unexported = this.spans()
      .filter((s) => s.exported === 0)
      .slice(0, limits.maxSpans);
    const spans: RecordedSpan[] = [];
    let bytes = 0;
    for (const span of unexported) {
      const size = encodedSize(encodeSpan(span));
      if (spans.length > 0 && bytes + size > limits.maxBytes) break;
      spans.push(span);
      bytes += size;
    }
    const revisions = new Map(
      spans.map((s) => [keyOf(s), this.#entries.get(keyOf(s))?.revision ?? -1]),
    );
    return { spans, revisions };
  }

  /** Marks what is still stored as read; returns how many. */
  markExported(read: ModelExport): number {
    let marked = 0;
    for (const span of read.spans) {
      const key = keyOf(span);
      const entry = this.#entries.get(key);
      if (entry === undefined || entry.revision !== read.revisions.get(key)) continue;
      if (entry.span.exported !== 0) continue;
      this.#entries.set(key, { ...entry, span: { ...entry.span, exported: 1 } });
      marked += 1;
    }
    return marked;
  }

  enforceRetention(limits: RetentionLimits, now: number): number {
    const spans = this.spans();
    const cutoff = now - limits.maxAgeMs;
    const old = spans.filter((s) => s.startTime < cutoff).length;
    const evict = Math.max(old, spans.length - limits.maxSpans, 0);
    for (const span of spans.slice(0, evict)) this.#entries.delete(keyOf(span));
    return evict;
  }

  clear(): number {
    const n = this.#entries.size;
    this.#entries.clear();
    return n;
  }
}
