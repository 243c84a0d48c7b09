import { useEffect, useState } from 'preact/hooks';
import { send } from '../platform/messaging';
import type { BackgroundStatus } from '../shared/messages';

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; status: BackgroundStatus }
  | { kind: 'error'; message: string };

export function Popup() {
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    send('status/get', null).then(
      (status) => {
        setState({ kind: 'ready', status });
      },
      (error: unknown) => {
        setState({ kind: 'error', message: String(error) });
      },
    );
  }, []);

  return (
    <main class="popup">
      <h1>Trace Capture</h1>
      {state.kind === 'loading' && <p role="status">Connecting to the background…</p>}
      {state.kind === 'error' && <p role="alert">Background unavailable: {state.message}</p>}
      {state.kind === 'ready' && (
        <p role="status" data-testid="background-status">
          Background running ({state.status.browser}, v{state.status.version})
        </p>
      )}
    </main>
  );
}
