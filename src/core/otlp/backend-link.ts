/**
 * "Open in backend": the URL of a trace in the user's tracing UI, from the settings' link preset
 * or template (DESIGN §8 "Trace links"). Pure, and in core beside the exporter so that the config
 * parser (src/core/config) can call validateBackendLink (backend-link-validate.ts) and the panel
 * can build the links.
 */

export const TRACE_ID_PLACEHOLDER = '{traceId}';
export const SPAN_ID_PLACEHOLDER = '{spanId}';

export type BackendLinkSettings =
  /** `{baseUrl}/trace/{traceId}?uiFind={spanId}`. */
  | { readonly kind: 'jaeger'; readonly baseUrl: string }
  /** `{baseUrl}/zipkin/traces/{traceId}`. */
  | { readonly kind: 'zipkin'; readonly baseUrl: string }
  /** Grafana Explore with a Tempo TraceQL query for the trace id. */
  | {
      readonly kind: 'tempo';
      readonly grafanaUrl: string;
      /** The Tempo data source's uid in Grafana. */
      readonly datasourceUid: string;
      /** Grafana organisation; 1 when left out. */
      readonly orgId?: number;
    }
  /** `https://ui.honeycomb.io/{team}/environments/{environment}/datasets/{dataset}/trace?trace_id=…`. */
  | {
      readonly kind: 'honeycomb';
      readonly team: string;
      readonly environment: string;
      readonly dataset: string;
    }
  /** Any http(s) URL with `{traceId}` and optionally `{spanId}` in it. */
  | { readonly kind: 'custom'; readonly template: string };

export type BackendKind = BackendLinkSettings['kind'];

export interface LinkTarget {
  /** 32 lowercase hex digits. */
  readonly traceId: string;
  /** 16 lowercase hex digits; links that focus a span use it. */
  readonly spanId?: string;
}

export const DEFAULT_GRAFANA_ORG_ID = 1;
export const HONEYCOMB_UI = 'https://ui.honeycomb.io';
/** The time range Grafana searches; a TraceQL trace id query looks the trace up within it. */
export const TEMPO_RANGE = { from: 'now-1h', to: 'now' } as const;

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;

/** A base URL without its trailing slashes, so `{base}/trace/…` has one slash. */
export function trimBase(base: string): string {
  return base.replace(/\/+$/, '');
}

/** Grafana Explore's `panes` state for one Tempo query (Grafana 10+ URL format). */
export function tempoPanes(datasourceUid: string, traceId: string): string {
  return JSON.stringify({
    trc: {
      datasource: datasourceUid,
      queries: [
        {
          refId: 'A',
          datasource: { type: 'tempo', uid: datasourceUid },
          queryType: 'traceql',
          query: traceId,
        },
      ],
      range: TEMPO_RANGE,
    },
  });
}

/** Replaces each placeholder; ids are hex, so they need no escaping. */
export function fillTemplate(template: string, target: LinkTarget): string {
  return template
    .split(TRACE_ID_PLACEHOLDER)
    .join(target.traceId)
    .split(SPAN_ID_PLACEHOLDER)
    .join(target.spanId ?? '');
}

/**
 * The link to the trace, or null when the ids are not valid lowercase hex (a link to the wrong
 * trace is worse than none). Settings are assumed validated; a bad one still yields some string,
 * never an exception.
 */
export function backendLink(settings: BackendLinkSettings, target: LinkTarget): string | null {
  if (!TRACE_ID.test(target.traceId)) return null;
  if (target.spanId !== undefined && !SPAN_ID.test(target.spanId)) return null;
  const { traceId, spanId } = target;
  switch (settings.kind) {
    case 'jaeger': {
      const url = `${trimBase(settings.baseUrl)}/trace/${traceId}`;
      return spanId === undefined ? url : `${url}?uiFind=${spanId}`;
    }
    case 'zipkin':
      return `${trimBase(settings.baseUrl)}/zipkin/traces/${traceId}`;
    case 'tempo': {
      const org = settings.orgId ?? DEFAULT_GRAFANA_ORG_ID;
      const panes = encodeURIComponent(tempoPanes(settings.datasourceUid, traceId));
      return `${trimBase(settings.grafanaUrl)}/explore?schemaVersion=1&orgId=${org}&panes=${panes}`;
    }
    case 'honeycomb': {
      const path = [settings.team, 'environments', settings.environment, 'datasets']
        .map(encodeURIComponent)
        .join('/');
      const dataset = encodeURIComponent(settings.dataset);
      return `${HONEYCOMB_UI}/${path}/${dataset}/trace?trace_id=${traceId}`;
    }
    case 'custom':
      return fillTemplate(settings.template, target);
  }
}
