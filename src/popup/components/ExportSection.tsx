import type { ExportView, ResultLine } from '../model';

interface ExportSectionProps {
  readonly view: ExportView;
  readonly onExport: () => void;
  readonly onTest: () => void;
}

interface ResultProps {
  readonly label: string;
  readonly line: ResultLine;
}

/** A live region, always in the page so that a new outcome is announced when it arrives. */
function Result({ label, line }: ResultProps) {
  return (
    <p role="status" aria-label={label} class={`result ${line.tone}`}>
      {line.at !== null && line.time !== null && (
        <time dateTime={new Date(line.at).toISOString()}>{line.time}</time>
      )}
      {line.text}
    </p>
  );
}

/** Export now, test the endpoint, and how the exporter is doing: these act at once. */
export function ExportSection({ view, onExport, onTest }: ExportSectionProps) {
  return (
    <section class="export" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <div class="export-actions">
        <button
          type="button"
          class="primary"
          disabled={!view.canExport}
          aria-describedby="export-pending"
          onClick={onExport}
        >
          {view.buttonLabel}
        </button>
        <button type="button" disabled={view.testing} aria-busy={view.testing} onClick={onTest}>
          Test connection
        </button>
      </div>
      <p id="export-pending" class="export-pending">
        {view.pending}
      </p>
      {view.evicted !== null && <p class="export-evicted">{view.evicted}</p>}
      {view.progress !== null && (
        <div class="export-progress">
          <progress
            aria-label="Export progress"
            max={view.progress.max}
            {...(view.progress.value === null ? {} : { value: view.progress.value })}
          />
          <span>
            {view.progress.text}
            {view.retry !== null && ` ${view.retry}`}
          </span>
        </div>
      )}
      <Result label="Last export" line={view.last} />
      <Result label="Connection test" line={view.test} />
      <div role="alert" class={view.problems.length === 0 ? 'alert empty' : 'alert'}>
        {view.problems.map((problem) => (
          <p key={problem}>{problem}</p>
        ))}
      </div>
      {view.unsavedHint !== null && <p class="hint">{view.unsavedHint}</p>}
    </section>
  );
}
