/**
 * The recorder as the devtools page runs it: finished requests → spans → batched writes to the
 * span store, each written batch (or refusal) told to every open panel. Kept apart from the
 * devtools page's DevTools wiring so the panel benchmark records through this same path.
 */
import { StoreWriteError, type SpanStore, type StoredBatch } from '../platform/span-store';
import type { Notice } from '../shared/notices';
import { Batcher } from './recorder/batcher';
import { Recorder, type RecorderDeps } from './recorder/recorder';

export interface RecordingDeps extends Omit<RecorderDeps, 'batcher' | 'onInvalid'> {
  /** Writes wait for it to open, so no request finished meanwhile is lost. */
  readonly store: Promise<SpanStore>;
  readonly notify: (notice: Notice) => void;
}

export function startRecording(deps: RecordingDeps): {
  readonly recorder: Recorder;
  readonly batcher: Batcher<StoredBatch>;
} {
  const { tabId, store, notify } = deps;
  let failing = false;
  const batcher = new Batcher<StoredBatch>({
    write: async (spans) => (await store).putBatch(spans),
    onWritten(_count, { added, replaced, rows }) {
      if (failing) notify({ type: 'store-recovered', tabId });
      failing = false;
      notify({ type: 'spans-stored', tabId, added, replaced, rows });
    },
    onFailed(error, pending) {
      failing = true;
      const message = error instanceof Error ? error.message : String(error);
      notify({ type: 'store-error', tabId, message, pending });
    },
    invalidIn: (error) => (error instanceof StoreWriteError ? error.invalid : []),
    onDropped(spans, error) {
      console.error(`Trace Capture: ${spans.length} malformed spans were not stored`, error, spans);
    },
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => {
      clearTimeout(handle as ReturnType<typeof setTimeout>);
    },
  });
  const recorder = new Recorder({
    tabId,
    random: deps.random,
    batcher,
    pageView: () => deps.pageView(),
    pageUrl: () => deps.pageUrl(),
    settings: () => deps.settings(),
    ownOrigin: deps.ownOrigin,
    onInvalid(error) {
      console.warn('Trace Capture: a HAR entry could not be recorded:', error);
    },
  });
  return { recorder, batcher };
}
