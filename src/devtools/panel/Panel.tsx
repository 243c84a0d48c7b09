import { useEffect, useState } from 'preact/hooks';
import { inspectedTabId } from '../../platform/devtools';
import { onNotice } from '../../platform/notices';
import { openSpanStore } from '../../platform/span-store';
import type { Notice } from '../../shared/notices';

interface State {
  /** Spans in the store, all tabs; null until counted. */
  readonly stored: number | null;
  /** Spans this tab's recorder wrote since the panel opened. */
  readonly recorded: number;
  /** The store refused a write: why, and how many spans wait for the retry. */
  readonly error: { readonly message: string; readonly pending: number } | null;
}

function reduce(state: State, notice: Notice, tabId: number): State {
  if (notice.tabId !== tabId) return state;
  switch (notice.type) {
    case 'spans-stored':
      return {
        ...state,
        recorded: state.recorded + notice.count,
        stored: (state.stored ?? 0) + notice.count,
      };
    case 'store-error':
      return { ...state, error: { message: notice.message, pending: notice.pending } };
    case 'store-recovered':
      return { ...state, error: null };
  }
}

export function Panel() {
  const [state, setState] = useState<State>({ stored: null, recorded: 0, error: null });

  useEffect(() => {
    const tabId = inspectedTabId() ?? -1;
    const lifetime = new AbortController();
    onNotice((notice) => {
      setState((s) => reduce(s, notice, tabId));
    }, lifetime.signal);
    openSpanStore()
      .then(async (store) => {
        const stored = await store.count();
        store.close();
        setState((s) => ({ ...s, stored }));
      })
      .catch((error: unknown) => {
        setState((s) => ({ ...s, error: { message: String(error), pending: 0 } }));
      });
    return () => {
      lifetime.abort();
    };
  }, []);

  return (
    <main class="panel">
      <header class="toolbar">
        <h1>Traces</h1>
        <span role="status" class="counts">
          {state.stored === null
            ? 'Counting stored spans…'
            : `${state.recorded} recorded on this tab since the panel opened · ${state.stored} stored`}
        </span>
      </header>
      <p role="alert" class="alert">
        {state.error &&
          `Spans could not be stored: ${state.error.message}. ${state.error.pending} spans are kept and retried.`}
      </p>
      {state.recorded === 0 && (
        <section class="empty">
          <p>No spans recorded yet.</p>
          <p>Requests made by the inspected page will appear here as OpenTelemetry client spans.</p>
        </section>
      )}
    </main>
  );
}
