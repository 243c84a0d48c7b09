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
  switch (notice.type) {
    // Any tab's writes change what is stored; only this tab's count as recorded here.
    case 'spans-stored':
      return {
        ...state,
        recorded: notice.tabId === tabId ? state.recorded + notice.added : state.recorded,
        stored: state.stored === null ? null : state.stored + notice.added,
      };
    case 'spans-removed':
      return { ...state, stored: state.stored === null ? null : state.stored - notice.count };
    case 'spans-exported':
      return state;
    case 'store-error':
      if (notice.tabId !== tabId) return state;
      return { ...state, error: { message: notice.message, pending: notice.pending } };
    case 'store-recovered':
      return notice.tabId === tabId ? { ...state, error: null } : state;
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
        const { spans } = await store.counts();
        store.close();
        setState((s) => ({ ...s, stored: spans }));
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
