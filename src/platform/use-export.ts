import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { send } from './messaging';
import {
  INITIAL_EXPORT_PANEL,
  pollDelay,
  runAnswered,
  runFailed,
  runStarted,
  statusArrived,
  statusFailed,
  testAnswered,
  testFailed,
  testStarted,
  type ExportPanel,
} from '../core/export/export-status';

export interface ExportActions {
  /** Exports every unexported span, or only those of `traceId`. */
  readonly run: (traceId?: string) => void;
  readonly test: () => void;
}

/**
 * The exporter's state while the popup is open: export/status is polled, each poll timed from
 * the answer to the one before, so a slow background never has two polls queued. All decisions
 * are in core/export/export-status.ts. The popup and the panel share it.
 */
export function useExport(): { readonly panel: ExportPanel; readonly actions: ExportActions } {
  const [panel, setPanel] = useState<ExportPanel>(INITIAL_EXPORT_PANEL);
  // An answer that arrives after the popup closed (or in a test, unmounted) is dropped.
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const update = useCallback((change: (panel: ExportPanel) => ExportPanel) => {
    if (alive.current) setPanel(change);
  }, []);

  const delay = pollDelay(panel);
  useEffect(() => {
    const timer = setTimeout(() => {
      send('export/status', null).then(
        (status) => {
          update((p) => statusArrived(p, status));
        },
        (error: unknown) => {
          update((p) => statusFailed(p, String(error instanceof Error ? error.message : error)));
        },
      );
    }, delay);
    return () => {
      clearTimeout(timer);
    };
  }, [panel.polls, delay, update]);

  const actions: ExportActions = {
    run: (traceId) => {
      if (panel.starting) return;
      update(runStarted);
      send('export/run', traceId === undefined ? {} : { traceId }).then(
        (status) => {
          update((p) => runAnswered(p, status));
        },
        (error: unknown) => {
          update((p) => runFailed(p, String(error instanceof Error ? error.message : error)));
        },
      );
    },
    test: () => {
      if (panel.test.kind === 'testing') return;
      update(testStarted);
      send('export/test', null).then(
        (outcome) => {
          update((p) => testAnswered(p, outcome));
        },
        (error: unknown) => {
          update((p) => testFailed(p, String(error instanceof Error ? error.message : error)));
        },
      );
    },
  };
  return { panel, actions };
}
