/**
 * The settings object: a public contract, stored in storage.local under `config` and
 * documented field by field in docs/config.md. Later versions add sections with defaults,
 * so an object written for an older version keeps working.
 */
import type { BackendLinkSettings } from '../otlp/backend-link';
import { DEFAULT_EXPORT, type ExportConfig } from './parse-export';
import type { B3Mode, ExistingHeaderPolicy, SamplingMode } from '../propagation';
import { DEFAULT_SENSITIVE_PARAMS } from '../span/redact';

/** Settings schema version written by this build (2 added `backendLink`, 3 `export`). */
export const CONFIG_VERSION = 3;

/**
 * How requests to a target carry context on Chromium. `page`: the page hook adds headers to
 * each request (unique ids; cross-origin needs the server to allow the headers in CORS).
 * `network`: declarative rules add the tab's page-view context (no preflight, shared ids).
 */
export type TargetMode = 'page' | 'network';

export interface Target {
  /** Origin pattern: `scheme://host[:port]`, `*` for one host label or for the port. */
  readonly match: string;
  readonly mode: TargetMode;
}

export interface Propagators {
  readonly traceparent: boolean;
  readonly baggage: boolean;
  /** '' for none, or one `key=value` tracestate entry to add leftmost. */
  readonly tracestate: string;
  readonly b3: B3Mode;
  readonly jaeger: boolean;
  /** Sets B3 `d` / `X-B3-Flags: 1` and the Jaeger debug bit (and forces sampling). */
  readonly debug: boolean;
}

export interface ConfigBaggageEntry {
  readonly key: string;
  readonly value: string;
}

export interface SamplingConfig {
  readonly mode: SamplingMode;
  /** 0..1, used when mode is `ratio`. */
  readonly ratio: number;
}

/** What the DevTools recorder keeps (docs/config.md, docs/storage.md). */
export interface RecordingConfig {
  /** Record finished requests as spans while DevTools is open. */
  readonly enabled: boolean;
  /** Keep showing earlier page views' spans in the panel after a navigation. */
  readonly preserveLog: boolean;
  /** Query parameters whose values are replaced before anything is stored. */
  readonly sensitiveParams: readonly string[];
  /** Retention: the newest this many spans are kept. */
  readonly maxSpans: number;
  /** Retention: spans older than this are evicted. */
  readonly maxAgeDays: number;
}

export interface Config {
  readonly version: typeof CONFIG_VERSION;
  /** The global switch. */
  readonly enabled: boolean;
  /** Pages the extension works on, as origin patterns. */
  readonly sites: readonly string[];
  /** Other destinations that may receive headers. */
  readonly targets: readonly Target[];
  readonly propagators: Propagators;
  readonly baggage: readonly ConfigBaggageEntry[];
  readonly sampling: SamplingConfig;
  /** What to do with a traceparent the page's own SDK already set. */
  readonly existingHeader: ExistingHeaderPolicy;
  readonly recording: RecordingConfig;
  /** Where the panel's "Open in backend" goes; null for no link (docs/config.md). */
  readonly backendLink: BackendLinkSettings | null;
  /** Where and how recorded spans are exported as OTLP/HTTP (docs/config.md). */
  readonly export: ExportConfig;
}

/** First install: injection stays off until the user enables it for a site. */
export const DEFAULT_CONFIG: Config = {
  version: CONFIG_VERSION,
  enabled: true,
  sites: [],
  targets: [],
  propagators: {
    traceparent: true,
    baggage: true,
    tracestate: '',
    b3: 'off',
    jaeger: false,
    debug: false,
  },
  baggage: [],
  sampling: { mode: 'always', ratio: 1 },
  existingHeader: 'keep',
  recording: {
    enabled: true,
    preserveLog: false,
    sensitiveParams: DEFAULT_SENSITIVE_PARAMS,
    maxSpans: 100_000,
    maxAgeDays: 7,
  },
  // Jaeger's all-in-one default: what `docker run jaegertracing/all-in-one` serves.
  backendLink: { kind: 'jaeger', baseUrl: 'http://localhost:16686' },
  export: DEFAULT_EXPORT,
};
