/**
 * Feeds the panel's state from the span store: the newest rows first (so something shows at
 * once), then every row, block by block, yielding between blocks so typing stays responsive; then
 * the live notices, which carry the rows other contexts stored. Full spans are read only for the
 * detail pane, the trace view, downloads and `attr.` filters.
 */
import { blockRows } from '../../../core/span/row-block';
import type { AttributeValue, RecordedSpan } from '../../../core/span/model';
import { noticeSender, onNotice } from '../../../platform/notices';
import { openSpanStore, type SpanStore } from '../../../platform/span-store';
import type { Notice } from '../../../shared/notices';
import { haystackOf } from '../model/haystack';
import { Coalescer, liveDelay } from './live-pace';
import { rowKey, type PanelRow } from '../model/panel-row';
import type { PanelState } from '../model/panel-state';

/** Rows read before the first paint: a screenful and then some. */
export const FIRST_ROWS = 500;
/** Rows handed to the state at a time while streaming. */
const ROWS_PER_UPDATE = 10_000;
/** How often a long load shows its progress: each showing re-derives the whole list. */
const PROGRESS_EVERY_MS = 400;

/** Lets the browser paint and handle input between blocks of work. */
function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class PanelData {
  #store: Promise<SpanStore>;
  #notify = noticeSender();
  #attributes: Map<string, Readonly<Record<string, AttributeValue>>> | null = null;
  #loading: Promise<void> | null = null;
  /** Rows other contexts stored, not yet handed to the state (live-pace.ts). */
  #liveRows: (readonly PanelRow[])[] = [];
  #live = new Coalescer(
    () => {
      const rows = this.#liveRows.flat();
      this.#liveRows = [];
      this.state.upsert(rows);
    },
    () => liveDelay(this.state.updateMs),
  );

  constructor(
    private readonly state: PanelState,
    private readonly signal: AbortSignal,
  ) {
    this.#store = openSpanStore();
    onNotice((notice) => {
      this.#onNotice(notice);
    }, signal);
    signal.addEventListener('abort', () => {
      this.#dropLive();
      void this.#store.then((store) => {
        store.close();
      });
    });
  }

  /** Loads every row; the first FIRST_ROWS show before the rest streams in. */
  load(): Promise<void> {
    this.#loading ??= this.#load().finally(() => {
      this.#loading = null;
    });
    return this.#loading;
  }

  async #load(): Promise<void> {
    const state = this.state;
    try {
      const store = await this.#store;
      const counts = await store.counts();
      state.setPhase('opening', counts.spans);
      state.upsert(await store.newestRows(FIRST_ROWS));
      state.setPhase('first-rows');
      let pending: PanelRow[] = [];
      let shown = performance.now();
      for await (const block of store.rowBlocks({ signal: this.signal })) {
        pending.push(...blockRows(block));
        if (pending.length < ROWS_PER_UPDATE) continue;
        state.upsert(pending, true);
        pending = [];
        if (performance.now() - shown > PROGRESS_EVERY_MS) {
          state.flush();
          shown = performance.now();
        }
        await yieldToBrowser();
      }
      state.upsert(pending, true);
      state.setPhase('complete');
      await this.#warmFilter();
    } catch (error) {
      if (this.signal.aborted) return;
      state.setPhase('failed');
      state.setError(`The stored spans could not be read: ${message(error)}`);
    }
  }

  /**
   * Makes the lowercase copies the text filter compares against, a block at a time between
   * frames, so the first keystroke does not pay for 100,000 of them at once.
   */
  async #warmFilter(): Promise<void> {
    const rows = this.state.rows;
    for (let i = 0; i < rows.length && !this.signal.aborted; i += ROWS_PER_UPDATE) {
      const end = Math.min(rows.length, i + ROWS_PER_UPDATE);
      for (let j = i; j < end; j++) haystackOf(rows[j] as PanelRow);
      await yieldToBrowser();
    }
  }

  #onNotice(notice: Notice): void {
    switch (notice.type) {
      case 'spans-stored':
        // Held, not upserted quietly: a quiet upsert would make the next keystroke pay for
        // re-deriving the whole list. Shown with the next few batches (live-pace.ts).
        this.#liveRows.push(notice.rows);
        this.#live.touch();
        return;
      case 'spans-removed':
        this.#dropLive();
        if (notice.reason === 'clear') this.state.reset();
        else {
          // Retention does not say which rows went: read them again.
          this.state.reset();
          void this.load();
        }
        return;
      case 'spans-exported':
        // The store holds every row held back, newer than the notice's copies.
        this.#dropLive();
        void this.#reloadRows();
        return;
      case 'store-error':
        this.state.setError(
          // The store's message is whole sentences already; one full stop between them.
          `Spans could not be stored: ${notice.message.replace(/\.$/, '')}. ${String(notice.pending)} spans are kept and retried.`,
        );
        return;
      case 'store-recovered':
        this.state.setError(null);
    }
  }

  #dropLive(): void {
    this.#liveRows = [];
    this.#live.cancel();
  }

  /** Export marks changed many rows' state: read the rows again, keeping what is shown. */
  async #reloadRows(): Promise<void> {
    const store = await this.#store;
    const rows: PanelRow[] = [];
    for await (const block of store.rowBlocks({ signal: this.signal }))
      rows.push(...blockRows(block));
    this.state.upsert(rows);
  }

  async span(key: string): Promise<RecordedSpan | undefined> {
    const [traceId = '', spanId = ''] = key.split('/');
    return (await this.#store).get(traceId, spanId);
  }

  async trace(traceId: string): Promise<RecordedSpan[]> {
    return (await this.#store).spansOfTrace(traceId);
  }

  /** Every full span whose row key is in `keys`, streamed from the store. */
  async spansOf(keys: ReadonlySet<string>): Promise<RecordedSpan[]> {
    const store = await this.#store;
    const out: RecordedSpan[] = [];
    for await (const block of store.spanBlocks({ signal: this.signal })) {
      for (const span of block) if (keys.has(rowKey(span))) out.push(span);
    }
    return out;
  }

  /**
   * Makes `attr.` filter terms work on stored rows, which carry no attributes: reads every span
   * once and keeps their attributes by row key. Later rows (live ones) are looked up as they come.
   */
  async loadAttributes(): Promise<void> {
    if (this.#attributes !== null) return;
    const index = new Map<string, Readonly<Record<string, AttributeValue>>>();
    this.#attributes = index;
    this.state.setMessage('Reading every span’s attributes for the attr: filter…');
    const store = await this.#store;
    for await (const block of store.spanBlocks({ signal: this.signal })) {
      for (const span of block) index.set(rowKey(span), span.attributes);
      await yieldToBrowser();
    }
    this.state.setAttributeLookup((row) => index.get(rowKey(row)) ?? row.attributes);
    this.state.setMessage(null);
  }

  /** Stores imported spans in batches, as the recorder does, and shows them. */
  async store(spans: readonly RecordedSpan[], onProgress: (done: number) => void): Promise<void> {
    const store = await this.#store;
    const BATCH = 500;
    for (let i = 0; i < spans.length; i += BATCH) {
      const stored = await store.putBatch(spans.slice(i, i + BATCH));
      this.state.upsert(stored.rows);
      this.#notify({
        type: 'spans-stored',
        tabId: -1,
        added: stored.added,
        replaced: stored.replaced,
        rows: stored.rows,
      });
      onProgress(Math.min(spans.length, i + BATCH));
    }
  }

  async clear(): Promise<number> {
    const count = await (await this.#store).clear();
    this.state.reset();
    this.#notify({ type: 'spans-removed', count, reason: 'clear' });
    return count;
  }
}
