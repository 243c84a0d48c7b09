import { useEffect, useState } from 'preact/hooks';
import type { BackendLinkSettings } from '../../../core/otlp/backend-link';
import { backendLink } from '../../../core/otlp/backend-link';
import { SPAN_KIND_CLIENT, STATUS_ERROR, type RecordedSpan } from '../../../core/span/model';
import { breakdownOptions, timingBreakdown } from '../model/timing-breakdown';
import { formatClock, formatDuration } from '../format';
import { CopyButton } from './CopyButton';
import { contextLabel } from './StateIcon';
import { TimingBars } from './TimingBars';

const HEADER_PREFIX = 'http.request.header.';

interface DetailPaneProps {
  readonly spanKey: string;
  readonly load: (key: string) => Promise<RecordedSpan | undefined>;
  readonly link: BackendLinkSettings | null;
  readonly onClose: () => void;
  readonly onTrace: (traceId: string) => void;
}

function valueText(value: unknown): string {
  return Array.isArray(value) ? value.join('\n') : String(value);
}

/** The selected span: overview, backend link, timing, attributes, events and headers. */
export function DetailPane({ spanKey, load, link, onClose, onTrace }: DetailPaneProps) {
  const [span, setSpan] = useState<RecordedSpan | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    setSpan(undefined);
    load(spanKey).then(
      (found) => {
        if (live) setSpan(found ?? null);
      },
      () => {
        if (live) setSpan(null);
      },
    );
    return () => {
      live = false;
    };
  }, [spanKey, load]);

  return (
    <aside class="detail" aria-label="Span details">
      <header class="detail-head">
        <h2>{span?.name ?? 'Span'}</h2>
        <button
          type="button"
          class="icon"
          aria-label="Close details"
          title="Close (Esc)"
          onClick={onClose}
        >
          ✕
        </button>
      </header>
      {span === undefined && <p class="muted">Reading the span…</p>}
      {span === null && <p class="muted">This span is no longer stored.</p>}
      {span && <SpanDetails span={span} link={link} onTrace={onTrace} />}
    </aside>
  );
}

function SpanDetails({
  span,
  link,
  onTrace,
}: {
  span: RecordedSpan;
  link: BackendLinkSettings | null;
  onTrace: (traceId: string) => void;
}) {
  const href =
    link === null ? null : backendLink(link, { traceId: span.traceId, spanId: span.spanId });
  const attributes = Object.entries(span.attributes);
  const headers = attributes.filter(([key]) => key.startsWith(HEADER_PREFIX));
  const others = attributes.filter(([key]) => !key.startsWith(HEADER_PREFIX));
  const source = span.attributes['browser.trace.context_source'];
  const ids: [string, string | undefined][] = [
    ['Trace ID', span.traceId],
    ['Span ID', span.spanId],
    ['Parent ID', span.parentSpanId],
  ];
  return (
    <div class="detail-body">
      <section aria-labelledby="overview-title">
        <h3 id="overview-title">Overview</h3>
        <dl class="overview">
          <dt>Kind</dt>
          <dd>{span.kind === SPAN_KIND_CLIENT ? 'CLIENT' : 'INTERNAL (page view)'}</dd>
          <dt>Status</dt>
          <dd class={span.status.code === STATUS_ERROR ? 'error-text' : ''}>
            {span.status.code === STATUS_ERROR ? 'ERROR' : 'UNSET'}
            {span.status.message ? ` — ${span.status.message}` : ''}
          </dd>
          <dt>Start</dt>
          <dd>{formatClock(span.startTime)}</dd>
          <dt>Duration</dt>
          <dd>{formatDuration(span.endTime - span.startTime)}</dd>
          <dt>Context</dt>
          <dd>{typeof source === 'string' ? contextLabel(source) : '—'}</dd>
          {ids.map(([label, id]) => (
            <>
              <dt key={`${label}:t`}>{label}</dt>
              <dd key={`${label}:d`} class="mono">
                {id ?? '— (root)'} {id && <CopyButton value={id} label={label} />}
              </dd>
            </>
          ))}
        </dl>
        <p class="actions">
          <button
            type="button"
            onClick={() => {
              onTrace(span.traceId);
            }}
          >
            Show trace
          </button>{' '}
          {href === null ? (
            <span class="muted">
              Set `backendLink` in the settings to open traces in your backend.
            </span>
          ) : (
            <a href={href} target="_blank" rel="noopener noreferrer" class="button">
              Open in backend
            </a>
          )}
        </p>
      </section>
      <section aria-labelledby="timing-title">
        <h3 id="timing-title">Timing</h3>
        <TimingBars timing={timingBreakdown(span, breakdownOptions(span.attributes))} />
      </section>
      <section aria-labelledby="attributes-title">
        <h3 id="attributes-title">Attributes</h3>
        <table class="kv">
          <tbody>
            {others.map(([key, value]) => (
              <tr key={key}>
                <th scope="row">{key}</th>
                <td>{valueText(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="events-title">
        <h3 id="events-title">Events</h3>
        {span.events.length === 0 ? (
          <p class="muted">No events.</p>
        ) : (
          <table class="kv">
            <tbody>
              {span.events.map((event, i) => (
                <tr key={`${event.name}:${String(i)}`}>
                  <th scope="row">{event.name}</th>
                  <td>+{formatDuration(event.time - span.startTime)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="headers-title">
        <h3 id="headers-title">Propagation headers sent</h3>
        {headers.length === 0 ? (
          <p class="muted">The request carried no propagation header.</p>
        ) : (
          <table class="kv">
            <tbody>
              {headers.map(([key, value]) => (
                <tr key={key}>
                  <th scope="row">{key.slice(HEADER_PREFIX.length)}</th>
                  <td class="mono">{valueText(value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
