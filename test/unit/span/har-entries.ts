// Hand-built HAR entries shaped like Chromium's (devtools-frontend models/har/Log.ts), and contexts.
import type { RandomSource } from '../../../src/core/propagation/index';
import type { MapContext, PageViewContext } from '../../../src/core/span/index';
import { DEFAULT_SENSITIVE_PARAMS } from '../../../src/core/span/index';

export interface Header {
  readonly name: string;
  readonly value: string;
}

/** Deterministic random bytes: 1, 2, 3, … so ids are predictable and never all zero. */
export function counterRandom(): RandomSource {
  let next = 0;
  return (out) => {
    for (let i = 0; i < out.length; i++) out[i] = ++next & 0xff;
  };
}

export const PAGE_URL = 'https://app.example.com/orders/8123?session=s3cr3t-session#top';
export const STARTED = '2026-11-22T17:02:27.324Z';
export const STARTED_MS = Date.UTC(2026, 10, 22, 17, 2, 27, 324);

export const PAGE_VIEW: PageViewContext = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceFlags: 0x03,
  url: 'https://app.example.com/orders/8123',
  startedAt: STARTED_MS - 500,
};

export function mapContext(overrides: Partial<MapContext> = {}): MapContext {
  return {
    tabId: 7,
    pageViewId: 'pv-1',
    pageUrl: PAGE_URL,
    pageView: null,
    sensitiveParams: DEFAULT_SENSITIVE_PARAMS,
    random: counterRandom(),
    ...overrides,
  };
}

export interface EntryOptions {
  readonly url?: string;
  readonly method?: string;
  readonly headers?: readonly Header[];
  readonly bodySize?: number;
  readonly status?: number;
  readonly statusText?: string;
  readonly httpVersion?: string;
  readonly error?: string | null;
  readonly responseBodySize?: number;
  readonly contentSize?: number;
  readonly transferSize?: number;
  readonly timings?: Readonly<Record<string, number>>;
  readonly time?: number;
  readonly serverIPAddress?: string;
  /** Extra top-level fields (`_fromCache`, `_initiator`, …), or undefined to delete one. */
  readonly extra?: Readonly<Record<string, unknown>>;
  readonly response?: Readonly<Record<string, unknown>>;
}

/** The phases of a fresh HTTPS connection: blocked 2, dns 3, connect 10 (ssl 6), send 1, wait 20, receive 4. */
export const FULL_TIMINGS = {
  blocked: 2,
  dns: 3,
  connect: 10,
  ssl: 6,
  send: 1,
  wait: 20,
  receive: 4,
  _blocked_queueing: 1.5,
};

/** A Chromium HAR entry for a GET that answered 200 over a reused connection, adjusted by `o`. */
export function harEntry(o: EntryOptions = {}): Record<string, unknown> {
  const timings = o.timings ?? {
    blocked: 3.011,
    dns: -1,
    ssl: -1,
    connect: -1,
    send: 0.08,
    wait: 1.692,
    receive: 0.43,
    _blocked_queueing: 1.957,
  };
  const sum = ['blocked', 'dns', 'connect', 'send', 'wait', 'receive'].reduce(
    (total, key) => total + Math.max(timings[key] ?? 0, 0),
    0,
  );
  const entry: Record<string, unknown> = {
    _initiator: { type: 'script', stack: { callFrames: [] } },
    _priority: 'High',
    _resourceType: 'fetch',
    cache: {},
    connection: '443',
    request: {
      method: o.method ?? 'GET',
      url: o.url ?? 'https://api.example.com/users/42',
      httpVersion: o.httpVersion ?? 'HTTP/1.1',
      headers: o.headers ?? [
        { name: 'Accept', value: '*/*' },
        { name: 'Host', value: 'api.example.com' },
      ],
      queryString: [],
      cookies: [],
      headersSize: 327,
      bodySize: o.bodySize ?? 0,
    },
    response: {
      status: o.status ?? 200,
      statusText: o.statusText ?? 'OK',
      httpVersion: o.httpVersion ?? 'HTTP/1.1',
      headers: [{ name: 'content-type', value: 'application/json' }],
      cookies: [],
      content: { size: o.contentSize ?? 22, mimeType: 'application/json' },
      redirectURL: '',
      headersSize: 188,
      bodySize: o.responseBodySize ?? 33,
      _transferSize: o.transferSize ?? 221,
      _error: o.error ?? null,
      _fetchedViaServiceWorker: false,
      ...o.response,
    },
    serverIPAddress: o.serverIPAddress ?? '203.0.113.7',
    startedDateTime: STARTED,
    time: o.time ?? sum,
    timings,
    _connectionId: '63',
    pageref: 'page_1',
  };
  for (const [key, value] of Object.entries(o.extra ?? {})) {
    if (value === undefined) Reflect.deleteProperty(entry, key);
    else entry[key] = value;
  }
  return entry;
}

/** Chromium's entry for a request that never got a response: everything in `blocked`. */
export function failedEntry(url: string, error: string, blocked = 9.374): Record<string, unknown> {
  return harEntry({
    url,
    status: 0,
    statusText: '',
    httpVersion: '',
    error,
    responseBodySize: -1,
    contentSize: 0,
    transferSize: 0,
    serverIPAddress: '',
    timings: {
      blocked,
      dns: -1,
      ssl: -1,
      connect: -1,
      send: 0,
      wait: 0,
      receive: 0,
      _blocked_queueing: -1,
    },
  });
}

export function traceparent(traceId: string, spanId: string, flags: string): Header {
  return { name: 'traceparent', value: `00-${traceId}-${spanId}-${flags}` };
}
