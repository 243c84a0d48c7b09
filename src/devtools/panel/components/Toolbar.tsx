import type { ComponentChildren } from 'preact';
import type { PanelView } from '../model/panel-state';

interface ToolbarProps {
  readonly view: PanelView;
  readonly recording: boolean;
  readonly preserveLog: boolean;
  readonly busy: boolean;
  readonly onView: (view: PanelView) => void;
  readonly onRecord: (on: boolean) => void;
  readonly onPreserveLog: (on: boolean) => void;
  readonly onClear: () => void;
  readonly onImport: (file: File) => void;
  readonly onDownload: (kind: 'jaeger' | 'otlp') => void;
  /** The export buttons and their status, last in the row. */
  readonly exportControls: ComponentChildren;
}

const VIEWS: readonly [PanelView, string][] = [
  ['requests', 'Requests'],
  ['trace', 'Trace'],
  ['summary', 'Summary'],
];

/** The Network panel's top row: record, clear, preserve log, then the views and the files. */
export function Toolbar(props: ToolbarProps) {
  const { view, recording, preserveLog, busy } = props;
  return (
    <div class="toolbar" role="toolbar" aria-label="Traces">
      <button
        type="button"
        class={`icon record${recording ? ' on' : ''}`}
        aria-pressed={recording}
        title={recording ? 'Stop recording spans' : 'Record spans'}
        aria-label={recording ? 'Stop recording' : 'Record'}
        onClick={() => {
          props.onRecord(!recording);
        }}
      >
        ●
      </button>
      <button
        type="button"
        class="icon"
        title="Clear every stored span"
        aria-label="Clear"
        disabled={busy}
        onClick={props.onClear}
      >
        ⊘
      </button>
      <label class="check">
        <input
          type="checkbox"
          checked={preserveLog}
          onChange={(event) => {
            props.onPreserveLog(event.currentTarget.checked);
          }}
        />
        Preserve log
      </label>
      <span class="divider" />
      <div role="tablist" aria-label="View" class="views">
        {VIEWS.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={view === id}
            class={view === id ? 'tab selected' : 'tab'}
            onClick={() => {
              props.onView(id);
            }}
          >
            {label}
          </button>
        ))}
      </div>
      <span class="spacer" />
      <label
        class="button"
        title="Import a HAR (Network panel: Save all as HAR) or an OTLP JSON file"
      >
        Import…
        <input
          type="file"
          accept=".har,.json,.jsonl,application/json"
          class="hidden-file"
          aria-label="Import a HAR or OTLP JSON file"
          disabled={busy}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (file) props.onImport(file);
          }}
        />
      </label>
      <button
        type="button"
        disabled={busy}
        title="The shown spans as Jaeger JSON, for Jaeger UI's Upload"
        onClick={() => {
          props.onDownload('jaeger');
        }}
      >
        Download Jaeger JSON
      </button>
      <button
        type="button"
        disabled={busy}
        title="The shown spans as OTLP/JSON, for the Collector's file receiver or re-import"
        onClick={() => {
          props.onDownload('otlp');
        }}
      >
        Download OTLP JSON
      </button>
      {props.exportControls}
    </div>
  );
}
