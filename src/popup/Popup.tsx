import type { Propagators } from '../core/config/schema';
import { BaggageEditor } from './components/BaggageEditor';
import { ExistingHeaderSection } from './components/ExistingHeaderSection';
import { ExportSection } from './components/ExportSection';
import { ExportSettings } from './components/ExportSettings';
import { FormatsSection } from './components/FormatsSection';
import { GlobalHeader } from './components/GlobalHeader';
import { LoadingView } from './components/LoadingView';
import { ProblemsBanner } from './components/ProblemsBanner';
import { SamplingSection } from './components/SamplingSection';
import { SaveBar } from './components/SaveBar';
import { SiteSection } from './components/SiteSection';
import { TargetsEditor } from './components/TargetsEditor';
import {
  exportView,
  resourceAttributesHint,
  setExistingHeader,
  setExportField,
  setPropagator,
  setSamplingMode,
  setSamplingRatio,
  shownConfig,
  statusText,
} from './model';
import { useExport } from '../platform/use-export';
import { usePopup } from './use-popup';

export function Popup() {
  const { load, review, site, actions } = usePopup();
  const exporter = useExport();

  if (load.kind === 'loading') return <LoadingView onRetry={actions.retry} />;
  if (load.kind === 'failed' || review === null) {
    return (
      <main class="popup">
        <h1>Trace Capture</h1>
        <div role="alert" class="alert">
          <strong>Settings could not be loaded.</strong>{' '}
          {load.kind === 'failed' ? load.error : 'Unknown error.'}
        </div>
        <button type="button" class="add" onClick={actions.retry}>
          Retry
        </button>
      </main>
    );
  }

  const { session } = load;
  const { draft } = session;
  const shown = shownConfig(session);
  const busy = session.writing !== null;
  const { edit } = actions;
  const onPropagator = <K extends keyof Propagators>(name: K, value: Propagators[K]) => {
    edit((d) => setPropagator(d, name, value));
  };

  return (
    <main class="popup">
      <GlobalHeader enabled={shown.enabled} busy={busy} onChange={actions.setGlobal} />
      <ProblemsBanner problems={session.problems} />
      <SiteSection site={site} globalOn={shown.enabled} busy={busy} onChange={actions.setSite} />
      <ExportSection
        view={exportView(exporter.panel, review.export.dirty)}
        onExport={() => {
          exporter.actions.run();
        }}
        onTest={exporter.actions.test}
      />
      <p class="hint applies">
        The switches and buttons above act at once. The settings below need Save.
      </p>
      <form
        class="settings"
        aria-label="Settings"
        onSubmit={(event) => {
          event.preventDefault();
          actions.save();
        }}
      >
        <FormatsSection
          propagators={draft.propagators}
          tracestateError={review.tracestate}
          onChange={onPropagator}
        />
        <BaggageEditor
          rows={draft.baggage}
          nextId={draft.nextId}
          review={review.baggage}
          enabled={draft.propagators.baggage}
          edit={edit}
        />
        <SamplingSection
          sampling={draft.sampling}
          ratioError={review.ratio}
          onMode={(mode) => {
            edit((d) => setSamplingMode(d, mode));
          }}
          onRatio={(text) => {
            edit((d) => setSamplingRatio(d, text));
          }}
        />
        <TargetsEditor
          rows={draft.targets}
          nextId={draft.nextId}
          reviews={review.targets}
          corsHeaders={review.corsHeaders}
          edit={edit}
        />
        <ExistingHeaderSection
          policy={draft.existingHeader}
          onChange={(policy) => {
            edit((d) => setExistingHeader(d, policy));
          }}
        />
        <ExportSettings
          settings={draft.export}
          review={review.export}
          attributesHint={resourceAttributesHint(session.saved.export)}
          onChange={(name, value) => {
            edit((d) => setExportField(d, name, value));
          }}
        />
      </form>
      <SaveBar
        review={review}
        status={statusText(session, review.dirty)}
        notice={session.notice}
        busy={busy}
        onSave={actions.save}
        onRevert={actions.revert}
      />
    </main>
  );
}
