import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { BackendLinkSettings } from '../../core/otlp/backend-link';
import { DEFAULT_CONFIG } from '../../core/config/schema';
import { inspectedTabId } from '../../platform/devtools';
import { ConfirmBar } from './components/ConfirmBar';
import { DetailPane } from './components/DetailPane';
import { FilterBar } from './components/FilterBar';
import { RequestsTable } from './components/RequestsTable';
import { SummaryView } from './components/SummaryView';
import { Toolbar } from './components/Toolbar';
import { ExportControls } from './components/ExportControls';
import { exportView } from '../../core/export/export-view';
import { useExport } from '../../platform/use-export';
import { TraceView } from './components/TraceView';
import { download, fileText, importFile } from './data/panel-files';
import { PanelData } from './data/panel-data';
import { changeSettings, readSettings, watchSettings } from './data/panel-settings';
import { PanelState } from './model/panel-state';
import { formatCount } from './format';
import { useSnapshot } from './use-snapshot';

/** True while the user types in a field, where the panel's own keys must not act. */
function typing(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

export function App() {
  const tabId = useMemo(() => inspectedTabId(), []);
  const state = useMemo(() => new PanelState(tabId === null ? {} : { scope: tabId }), [tabId]);
  const lifetime = useMemo(() => new AbortController(), []);
  const data = useMemo(() => new PanelData(state, lifetime.signal), [state, lifetime]);
  const snapshot = useSnapshot(state);
  const [link, setLink] = useState<BackendLinkSettings | null>(DEFAULT_CONFIG.backendLink);
  const [confirmClear, setConfirmClear] = useState(false);
  const [busy, setBusy] = useState(false);
  const exporter = useExport();
  const filterInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void data.load();
    const adopt = (config: typeof DEFAULT_CONFIG) => {
      state.choose({
        preserveLog: config.recording.preserveLog,
        recording: config.recording.enabled,
      });
      setLink(config.backendLink);
    };
    readSettings().then(adopt, (error: unknown) => {
      state.setError(`The settings could not be read: ${String(error)}`);
    });
    watchSettings(adopt, lifetime.signal);
    return () => {
      lifetime.abort();
    };
  }, [data, state, lifetime]);

  // `attr.` terms need every span's attributes, which the rows do not carry: read them once.
  useEffect(() => {
    if (snapshot.filter.needsAttributes) void data.loadAttributes();
  }, [snapshot.filter.needsAttributes, data]);

  const change = useCallback(
    (apply: Parameters<typeof changeSettings>[0]) => {
      changeSettings(apply).then(
        (error) => {
          if (error !== null) state.setError(`The setting was refused: ${error}`);
        },
        (error: unknown) => {
          state.setError(`The setting could not be saved: ${String(error)}`);
        },
      );
    },
    [state],
  );

  const onKey = useCallback(
    (event: KeyboardEvent) => {
      const s = state.snapshot();
      if (
        (event.key === '/' && !typing(event.target)) ||
        ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f')
      ) {
        event.preventDefault();
        filterInput.current?.focus();
        filterInput.current?.select();
      } else if (event.key === 'Escape') {
        if (s.detailOpen) state.choose({ detailOpen: false });
        else if (typing(event.target)) (event.target as HTMLElement).blur();
      } else if (!typing(event.target) && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
        event.preventDefault();
        state.moveSelection(event.key === 'ArrowDown' ? 1 : -1);
      } else if (!typing(event.target) && event.key === 'Enter' && s.selected !== null) {
        state.choose({ detailOpen: true });
      }
    },
    [state],
  );
  useEffect(() => {
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
    };
  }, [onKey]);

  const onImport = (file: File) => {
    setBusy(true);
    state.setMessage(`Reading ${file.name}…`);
    void (async () => {
      try {
        const result = importFile(file.name, await file.text(), await readSettings());
        if (!result.ok) {
          state.setMessage(null);
          state.setError(`Nothing was imported: ${result.error}`);
          return;
        }
        await data.store(result.spans, (done) => {
          state.setMessage(
            `Importing ${file.name}: ${formatCount(done)} of ${formatCount(result.spans.length)} spans…`,
          );
        });
        state.setError(null);
        state.setMessage(`Imported ${result.summary}.`);
      } catch (error) {
        state.setMessage(null);
        state.setError(`The import stopped: ${String(error)}. Spans stored before it stay.`);
      } finally {
        setBusy(false);
      }
    })();
  };

  const onDownload = (kind: 'jaeger' | 'otlp') => {
    setBusy(true);
    const keys = new Set(snapshot.items.flatMap((i) => (i.kind === 'row' ? [i.key] : [])));
    state.setMessage(`Preparing ${formatCount(keys.size)} spans…`);
    data
      .spansOf(keys)
      .then((spans) => {
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        download(
          `traces-${stamp}.${kind === 'jaeger' ? 'jaeger' : 'otlp'}.json`,
          fileText(kind, spans),
        );
        state.setMessage(`Downloaded ${formatCount(spans.length)} spans.`);
      })
      .catch((error: unknown) => {
        state.setError(`The download failed: ${String(error)}`);
      })
      .finally(() => {
        setBusy(false);
      });
  };

  const traceId = snapshot.selectedRow?.traceId ?? null;
  const empty = snapshot.totalCount === 0;
  return (
    <main class="panel" data-phase={snapshot.phase}>
      <Toolbar
        view={snapshot.view}
        recording={snapshot.recording}
        preserveLog={snapshot.preserveLog}
        busy={busy}
        onView={(view) => {
          state.choose({ view });
        }}
        onRecord={(on) => {
          state.choose({ recording: on });
          change((c) => ({ ...c, recording: { ...c.recording, enabled: on } }));
        }}
        onPreserveLog={(on) => {
          state.choose({ preserveLog: on });
          change((c) => ({ ...c, recording: { ...c.recording, preserveLog: on } }));
        }}
        onClear={() => {
          setConfirmClear(true);
        }}
        onImport={onImport}
        onDownload={onDownload}
        exportControls={
          <ExportControls
            view={exportView(exporter.panel, false)}
            traceId={traceId}
            onExport={exporter.actions.run}
          />
        }
      />
      {confirmClear && (
        <ConfirmBar
          question={`Clear all ${formatCount(snapshot.rowCount)} stored spans? This cannot be undone.`}
          action="Clear"
          onCancel={() => {
            setConfirmClear(false);
          }}
          onConfirm={() => {
            setConfirmClear(false);
            data.clear().then(
              (count) => {
                state.setMessage(`Cleared ${formatCount(count)} spans.`);
              },
              (error: unknown) => {
                state.setError(`Clearing failed: ${String(error)}`);
              },
            );
          }}
        />
      )}
      <FilterBar
        text={snapshot.filterText}
        errorsOnly={snapshot.errorsOnly}
        filter={snapshot.filter}
        shown={snapshot.shownCount}
        total={snapshot.totalCount}
        inputRef={filterInput}
        onText={(filterText) => {
          state.choose({ filterText });
        }}
        onErrorsOnly={(errorsOnly) => {
          state.choose({ errorsOnly });
        }}
      >
        {tabId === null && <ScopePicker state={state} scope={snapshot.scope} />}
      </FilterBar>
      <p role="alert" class="alert">
        {snapshot.error}
      </p>
      <p role="status" class="status-line">
        {snapshot.message ??
          (snapshot.phase === 'first-rows' && snapshot.storedCount !== null
            ? `Loading ${formatCount(snapshot.rowCount)} of ${formatCount(snapshot.storedCount)} stored spans…`
            : '')}
      </p>
      <div class="content">
        <div class="main-view">
          {snapshot.view === 'requests' &&
            (empty && snapshot.phase !== 'opening' ? (
              <Empty recording={snapshot.recording} inDevtools={tabId !== null} />
            ) : (
              <RequestsTable
                items={snapshot.items}
                selected={snapshot.selected}
                sort={snapshot.sort}
                range={snapshot.range}
                onSort={(sort) => {
                  state.choose({ sort });
                }}
                onSelect={(key) => {
                  state.choose({ selected: key });
                }}
                onOpen={(key) => {
                  state.choose({ selected: key, detailOpen: true });
                }}
              />
            ))}
          {snapshot.view === 'trace' && (
            <TraceView
              traceId={traceId}
              filter={snapshot.filter}
              selected={snapshot.selected}
              link={link}
              load={(id) => data.trace(id)}
              onSelect={(key) => {
                state.choose({ selected: key, detailOpen: true });
              }}
            />
          )}
          {snapshot.view === 'summary' && <SummaryView {...state.summary()} />}
        </div>
        {snapshot.detailOpen && snapshot.selected !== null && (
          <DetailPane
            spanKey={snapshot.selected}
            load={(key) => data.span(key)}
            link={link}
            onClose={() => {
              state.choose({ detailOpen: false });
            }}
            onTrace={(id) => {
              state.choose({ view: 'trace', selected: snapshot.selected ?? `${id}/` });
            }}
          />
        )}
      </div>
    </main>
  );
}

function Empty({ recording, inDevtools }: { recording: boolean; inDevtools: boolean }) {
  return (
    <section class="empty">
      <h2>No requests recorded yet</h2>
      {!recording && <p>Recording is off: press ● in the toolbar to record.</p>}
      <p>
        Requests the inspected page makes appear here as OpenTelemetry client spans
        {inDevtools ? '' : ' (this page shows every tab’s spans while DevTools records them)'}.
      </p>
      <p>
        To send trace headers too, enable this site in the toolbar popup, then reload the page. Or
        import a HAR or OTLP JSON file.
      </p>
    </section>
  );
}

function ScopePicker({ state, scope }: { state: PanelState; scope: number | 'all' }) {
  const tabs = [...new Set(state.rows.map((r) => r.tabId))]
    .filter((t) => t >= 0)
    .sort((a, b) => a - b);
  return (
    <label class="scope">
      Tab{' '}
      <select
        value={String(scope)}
        onChange={(event) => {
          const value = event.currentTarget.value;
          state.choose({ scope: value === 'all' ? 'all' : Number(value), selected: null });
        }}
      >
        <option value="all">All tabs</option>
        {tabs.map((tab) => (
          <option key={tab} value={String(tab)}>
            Tab {tab}
          </option>
        ))}
      </select>
    </label>
  );
}
