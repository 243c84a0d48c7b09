import type { RecordedSpan } from '../../core/span/model';

export interface BatcherDeps<Written> {
  /** One IndexedDB transaction per call; rejects when the store refuses the batch. */
  write(spans: readonly RecordedSpan[]): Promise<Written>;
  /** The batch of `count` spans is stored; `written` is what the store said it stored. */
  onWritten(count: number, written: Written): void;
  onFailed(error: unknown, pending: number): void;
  /**
   * Positions in the batch the store can never accept (malformed spans). They are dropped and
   * reported instead of retried, or one bad span would block every span after it.
   */
  invalidIn(error: unknown): readonly number[];
  onDropped(spans: readonly RecordedSpan[], error: unknown): void;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/** A batch is written at most this long after its first span arrived. */
export const FLUSH_DELAY_MS = 250;
/** A full batch is written at once, without waiting for the delay. */
export const MAX_BATCH = 500;
/** Retry after a refused write: doubling from 1 s, capped at 30 s. */
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30_000;

/**
 * Collects spans and writes them in batches. A refused batch is kept, in order, ahead of newer
 * spans and retried with backoff: a full disk delays spans, it never drops them (invariant 5).
 */
export class Batcher<Written = void> {
  #queue: RecordedSpan[] = [];
  #timer: unknown = null;
  #writing: Promise<void> | null = null;
  #retryMs = 0;

  constructor(private readonly deps: BatcherDeps<Written>) {}

  get pending(): number {
    return this.#queue.length;
  }

  add(span: RecordedSpan): void {
    this.#queue.push(span);
    // While the store refuses writes, the backoff timer decides when to try again.
    if (this.#retryMs > 0) return;
    if (this.#queue.length >= MAX_BATCH) this.#schedule(0);
    else this.#schedule(FLUSH_DELAY_MS);
  }

  /** Resolves when no write is in flight; starts none. */
  async idle(): Promise<void> {
    while (this.#writing) await this.#writing;
  }

  /** Writes everything queued now (page hiding, DevTools closing); resolves when done or refused. */
  async flush(): Promise<void> {
    this.#cancelTimer();
    while (this.#writing) await this.#writing;
    if (this.#queue.length === 0) return;
    const batch = this.#queue.splice(0, MAX_BATCH);
    this.#writing = this.#write(batch);
    try {
      await this.#writing;
    } finally {
      this.#writing = null;
    }
    if (this.#queue.length > 0 && this.#retryMs === 0) this.#schedule(0);
  }

  async #write(batch: RecordedSpan[]): Promise<void> {
    try {
      const written = await this.deps.write(batch);
      this.#retryMs = 0;
      this.deps.onWritten(batch.length, written);
    } catch (error) {
      const invalid = new Set(this.deps.invalidIn(error));
      if (invalid.size > 0) {
        this.deps.onDropped(
          batch.filter((_, i) => invalid.has(i)),
          error,
        );
        this.#queue.unshift(...batch.filter((_, i) => !invalid.has(i)));
        this.#schedule(0, true);
        return;
      }
      this.#queue.unshift(...batch);
      this.#retryMs =
        this.#retryMs === 0 ? RETRY_FIRST_MS : Math.min(this.#retryMs * 2, RETRY_MAX_MS);
      this.deps.onFailed(error, this.#queue.length);
      this.#schedule(this.#retryMs, true);
    }
  }

  #schedule(ms: number, force = false): void {
    if (this.#timer !== null && !force) {
      if (ms !== 0) return; // a flush is already due soon enough
    }
    this.#cancelTimer();
    this.#timer = this.deps.setTimer(() => {
      this.#timer = null;
      void this.flush();
    }, ms);
  }

  #cancelTimer(): void {
    if (this.#timer !== null) this.deps.clearTimer(this.#timer);
    this.#timer = null;
  }
}
