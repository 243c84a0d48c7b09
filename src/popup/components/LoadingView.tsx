import { useEffect, useState } from 'preact/hooks';

/** How long a healthy background takes at most to answer, even when it has to start first. */
const SLOW_AFTER_MS = 4000;

interface LoadingViewProps {
  readonly onRetry: () => void;
}

/** Waiting for the settings; after a while, says so and offers to ask again. */
export function LoadingView({ onRetry }: LoadingViewProps) {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => {
      setSlow(true);
    }, SLOW_AFTER_MS);
    return () => {
      clearTimeout(timer);
    };
  }, []);
  return (
    <main class="popup">
      <h1>Trace Capture</h1>
      <p role="status">
        {slow
          ? 'Still waiting for the background to answer. It may be starting, or it may have stopped.'
          : 'Loading settings…'}
      </p>
      {slow && (
        <button type="button" class="add" onClick={onRetry}>
          Retry
        </button>
      )}
    </main>
  );
}
