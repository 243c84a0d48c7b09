import type { ExportView } from '../../../core/export/export-view';

interface ExportControlsProps {
  readonly view: ExportView;
  /** The selected row's trace, which "Export trace" sends; null when no row is selected. */
  readonly traceId: string | null;
  readonly onExport: (traceId?: string) => void;
}

/**
 * The toolbar's export: every unexported span, or the selected trace's, through the background's
 * exporter (the popup shows the same state). One live line says how it is going or how it went.
 */
export function ExportControls({ view, traceId, onExport }: ExportControlsProps) {
  const running = view.progress !== null;
  const line = running
    ? `${view.progress.text}${view.retry === null ? '' : ` ${view.retry}`}`
    : (view.problems[0] ??
      (view.last.time === null ? view.pending : `${view.last.time} ${view.last.text}`));
  const tone = running ? 'neutral' : view.problems.length > 0 ? 'error' : view.last.tone;
  return (
    <div class="export-controls">
      <button
        type="button"
        disabled={!view.canExport}
        title={`Send ${view.pending === 'Nothing to export.' ? 'nothing: every span was exported' : 'every unexported span'} to the export endpoint (settings: toolbar popup)`}
        onClick={() => {
          onExport();
        }}
      >
        {view.buttonLabel}
      </button>
      <button
        type="button"
        disabled={traceId === null || running}
        title={
          traceId === null
            ? 'Select a row to export its trace'
            : `Export the unexported spans of trace ${traceId}`
        }
        onClick={() => {
          if (traceId !== null) onExport(traceId);
        }}
      >
        Export trace
      </button>
      {running && (
        <progress
          aria-label="Export progress"
          max={view.progress.max}
          {...(view.progress.value === null ? {} : { value: view.progress.value })}
        />
      )}
      <span role="status" aria-label="Export status" class={`export-line ${tone}`} title={line}>
        {line}
      </span>
      {view.evicted !== null && <span class="export-evicted">{view.evicted}</span>}
    </div>
  );
}
