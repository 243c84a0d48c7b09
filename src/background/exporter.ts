/**
 * OTLP/HTTP export, in the background (which the page's CORS and CSP do not reach). Spans go
 * oldest first in batches of at most 1,000; a batch is marked exported only once the backend
 * accepted it, so a lost answer can at worst send it twice, never lose it. While a run is going
 * an alarm stands ready to resume it, so a service worker stopped midway picks up on its own.
 */
import type { Config } from '../core/config/schema';
import { describeFailure, interpretResponse } from '../core/otlp/export-response';
import { encodeOtlpJson } from '../core/otlp/json';
import { encodeOtlpProtobuf } from '../core/otlp/protobuf';
import { exportResource } from '../core/otlp/resource';
import { retryDecision } from '../core/otlp/retry-policy';
import { MAX_BATCH_BYTES, MAX_SPANS_PER_REQUEST, splitAfter413 } from '../core/otlp/batch-size';
import type { RecordedSpan } from '../core/span/model';
import { alarmIn, clearAlarm } from '../platform/alarms';
import { browserInfo } from '../platform/browser-info';
import { extensionScope } from '../platform/extension';
import { noticeSender } from '../platform/notices';
import { postOtlp, type PostResult } from '../platform/otlp-http';
import { openSpanStore, type ExportRef, type SpanStore } from '../platform/span-store';
import { readLocal, writeLocal } from '../platform/storage';
import type { ExportOutcome, ExportStatus } from '../shared/messages';

export const RESUME_ALARM = 'export-resume';
export const AUTO_ALARM = 'export-auto';
/** OTLP/HTTP's default per-request timeout. */
export const REQUEST_TIMEOUT_MS = 10_000;
/** Alarms fire at most this soon (Chrome 120+): the resume alarm is set this far ahead. */
const RESUME_AFTER_MS = 30_000;
/** A retry due later than this waits for an alarm instead of keeping the worker busy. */
const LONGEST_WAIT_MS = 20_000;
const STATE_KEY = 'exportState';

interface StoredState {
  /** A run was going: resume it when the worker starts again. */
  readonly running: boolean;
  readonly traceId: string | null;
  /** Retries already made for the current batch, so a resumed run still gives up in time. */
  readonly retries: number;
  readonly last: ExportOutcome | null;
}

interface Batch {
  readonly spans: readonly RecordedSpan[];
  readonly refs: readonly ExportRef[];
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

function networkSentence(endpoint: string, result: Extract<PostResult, { kind: 'network' }>) {
  const host = hostOf(endpoint);
  return result.timedOut
    ? `${host} did not answer within ${String(REQUEST_TIMEOUT_MS / 1000)} s.`
    : `Could not connect to ${host} (${result.message}): is the Collector running there? CORS is not involved: the export runs in the extension.`;
}

type RunStatus = Omit<ExportStatus, 'unexported' | 'evictedUnexported'>;

export class Exporter {
  #run: Promise<void> | null = null;
  #status: RunStatus = {
    running: false,
    sent: 0,
    total: 0,
    retryAt: null,
    last: null,
  };
  #notify = noticeSender();

  constructor(private readonly config: () => Config) {}

  /**
   * Reads the last outcome from storage and resumes the run a stopped worker left halfway (or
   * one waiting out a long Retry-After), with its trace and its retry count.
   */
  async resume(): Promise<void> {
    const stored = (await readLocal(STATE_KEY)) as StoredState | undefined;
    if (this.#run === null) this.#set({ last: stored?.last ?? null });
    if (stored?.running === true) this.#begin(stored.traceId, stored.retries);
  }

  /** Auto-export's tick: a run only when there is something to send, so "last" stays telling. */
  async auto(): Promise<void> {
    if ((await this.status()).unexported > 0) this.#begin(null, 0);
  }

  async status(): Promise<ExportStatus> {
    const store = await openSpanStore();
    try {
      const { unexported, evictedUnexported } = await store.counts();
      return { ...this.#status, unexported, evictedUnexported };
    } finally {
      store.close();
    }
  }

  /** Starts a run unless one is going (then that one goes on); resolves once it started. */
  start(traceId?: string): Promise<ExportStatus> {
    this.#begin(traceId ?? null, 0);
    return this.status();
  }

  #begin(traceId: string | null, retries: number): void {
    if (this.#run !== null) return;
    // Running from this moment, so the answer to export/run already says so.
    this.#set({ running: true, sent: 0, total: 0, retryAt: null });
    this.#run = this.#export(traceId, retries).finally(() => {
      this.#run = null;
    });
  }

  /** An empty ExportTraceServiceRequest to the endpoint, and what came back, in words. */
  async test(): Promise<ExportOutcome> {
    const settings = this.config().export;
    const result = await this.#post({ spans: [], refs: [] });
    const host = hostOf(settings.endpoint);
    const at = Date.now();
    if (result.kind === 'network') {
      return {
        ok: false,
        at,
        message: networkSentence(settings.endpoint, result),
        sent: 0,
        rejected: 0,
      };
    }
    const meaning = interpretResponse(result);
    return meaning.accepted
      ? {
          ok: true,
          at,
          message: `${host} accepted an empty export (${String(result.status)}): the endpoint works.`,
          sent: 0,
          rejected: 0,
        }
      : {
          ok: false,
          at,
          message: describeFailure(meaning.status, meaning.message),
          sent: 0,
          rejected: 0,
        };
  }

  #encode(spans: readonly RecordedSpan[]): Uint8Array {
    const settings = this.config().export;
    const scope = extensionScope();
    const request = encodeOtlpJson(spans, {
      resource: exportResource(settings, browserInfo(), scope),
      scope,
    });
    return settings.protocol === 'protobuf'
      ? encodeOtlpProtobuf(request)
      : new TextEncoder().encode(JSON.stringify(request));
  }

  #post(batch: Batch): Promise<PostResult> {
    const settings = this.config().export;
    const scope = extensionScope();
    return postOtlp(settings.endpoint, this.#encode(batch.spans), {
      contentType: settings.protocol === 'protobuf' ? 'application/x-protobuf' : 'application/json',
      gzip: settings.compression === 'gzip',
      headers: settings.headers,
      timeoutMs: REQUEST_TIMEOUT_MS,
      userAgent: `${scope.name.replace(/\s+/g, '')}/${scope.version}`,
    });
  }

  async #save(state: StoredState): Promise<void> {
    await writeLocal(STATE_KEY, state);
  }

  #set(change: Partial<RunStatus>): void {
    this.#status = { ...this.#status, ...change };
  }

  async #export(traceId: string | null, retries: number): Promise<void> {
    const store = await openSpanStore();
    const endpoint = this.config().export.endpoint;
    let sent = 0;
    let rejected = 0;
    let warning: string | null = null;
    let retry = retries;
    const finish = async (ok: boolean, message: string) => {
      const last = { ok, at: Date.now(), message, sent, rejected };
      await this.#save({ running: false, traceId: null, retries: 0, last });
      await clearAlarm(RESUME_ALARM);
      // Only now does the status say the run ended: an export asked for while the state was
      // still being saved would find this run going and be dropped, though the status said done.
      this.#set({ running: false, retryAt: null, last });
    };
    try {
      const total =
        traceId === null
          ? (await store.counts()).unexported
          : (await this.#traceBatch(store, traceId, Infinity)).spans.length;
      this.#set({ running: true, sent: 0, total, retryAt: null });
      let size = MAX_SPANS_PER_REQUEST;
      for (;;) {
        // Armed before every request: if the worker stops now, the alarm brings it back.
        await this.#save({ running: true, traceId, retries: retry, last: this.#status.last });
        await alarmIn(RESUME_ALARM, RESUME_AFTER_MS);
        const batch =
          traceId === null
            ? await store.nextExportBatch({ maxSpans: size, maxBytes: MAX_BATCH_BYTES })
            : await this.#traceBatch(store, traceId, size);
        if (batch.spans.length === 0) break;
        const result = await this.#post(batch);
        const meaning = result.kind === 'response' ? interpretResponse(result) : null;
        if (meaning?.accepted === true) {
          await store.markExported(batch.refs);
          sent += batch.spans.length;
          rejected += meaning.rejectedSpans;
          warning = meaning.message ?? warning;
          retry = 0;
          this.#set({ sent, retryAt: null });
          this.#notify({ type: 'spans-exported', count: batch.spans.length });
          continue;
        }
        if (meaning?.status === 413) {
          const smaller = splitAfter413(batch.spans.length);
          if (smaller === null) {
            await finish(
              false,
              `${hostOf(endpoint)} refuses even a single span as too large (413). ${String(sent)} spans were exported; the rest stay unexported.`,
            );
            return;
          }
          size = smaller;
          continue;
        }
        const failure = this.#failureSentence(endpoint, result);
        const decision = retryDecision(
          result.kind === 'response'
            ? { kind: 'status', status: result.status, retryAfter: result.retryAfter }
            : { kind: 'network', timedOut: result.timedOut },
          retry,
          Date.now(),
          Math.random,
        );
        if (!decision.retry) {
          await finish(
            false,
            `${failure} ${String(sent)} spans were exported; the rest stay unexported.`,
          );
          return;
        }
        retry++;
        const retryAt = Date.now() + decision.delayMs;
        this.#set({ retryAt });
        if (decision.delayMs > LONGEST_WAIT_MS) {
          // A long wait: the alarm brings the worker back when it is due.
          const last = {
            ok: false,
            at: Date.now(),
            message: `${failure} Retrying at ${new Date(retryAt).toLocaleTimeString()}.`,
            sent,
            rejected,
          };
          await this.#save({ running: true, traceId, retries: retry, last });
          await alarmIn(RESUME_ALARM, decision.delayMs);
          this.#set({ running: false, last }); // last, as in finish()
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
      }
      const where = hostOf(endpoint);
      const partial =
        rejected > 0 || warning !== null
          ? ` The backend rejected ${String(rejected)} of them${warning === null ? '' : `: ${warning}`}.`
          : '';
      await finish(
        rejected === 0,
        sent === 0
          ? 'Nothing to export: every span was exported already.'
          : `Exported ${String(sent)} spans to ${where}.${partial}`,
      );
    } catch (error) {
      await finish(
        false,
        `The export stopped: ${error instanceof Error ? error.message : String(error)}. Unexported spans stay.`,
      );
    } finally {
      store.close();
    }
  }

  #failureSentence(endpoint: string, result: PostResult): string {
    if (result.kind === 'network') return networkSentence(endpoint, result);
    return describeFailure(result.status, interpretResponse(result).message ?? '');
  }

  async #traceBatch(store: SpanStore, traceId: string, size: number): Promise<Batch> {
    const spans = (await store.spansOfTrace(traceId)).filter((s) => s.exported === 0);
    const chosen = spans.slice(0, size === Infinity ? spans.length : size);
    return {
      spans: chosen,
      refs: chosen.map(({ traceId: t, spanId }) => ({ traceId: t, spanId })),
    };
  }
}
