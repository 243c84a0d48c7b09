/**
 * harEntryToSpan against HAR entries real Chromium produced (test/fixtures/har, captured by
 * test/support/capture-har.ts). Each expected span is written out from the rules (DESIGN §2
 * "Correlation", §8 HAR and HTTP client conventions); only facts of the capture itself (ports,
 * times, sizes, the ids the extension sent) are read from the fixture.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { RandomSource } from '../../../src/core/propagation';
import {
  DEFAULT_SENSITIVE_PARAMS,
  harEntryToSpan,
  SPAN_KIND_CLIENT,
  STATUS_ERROR,
  STATUS_UNSET,
  type AttributeValue,
  type ContextSource,
  type PageViewContext,
  type RecordedSpan,
  type StatusCode,
} from '../../../src/core/span';

const DIR = new URL('../../fixtures/har/', import.meta.url);

interface HarEntry {
  readonly startedDateTime: string;
  readonly time: number;
  readonly timings: Readonly<Record<string, number>>;
  readonly serverIPAddress: string;
  readonly _priority: string;
  /** Null for requests made through the extension's page hook (Chromium 156). */
  readonly _initiator: { readonly type: string; readonly url?: string } | null;
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly bodySize: number;
    readonly headers: readonly { readonly name: string; readonly value: string }[];
  };
  readonly response: {
    readonly status: number;
    readonly bodySize: number;
    readonly _transferSize: number;
    readonly _error: string | null;
    readonly content: { readonly size: number };
  };
}

interface Fixture {
  readonly scenario: string;
  readonly pageUrl: string;
  readonly tabId: number;
  readonly pageView: PageViewContext | null;
  readonly entries: readonly HarEntry[];
}

function load(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8')) as Fixture;
}

/** Every byte `byte`: a fresh id is then that byte repeated, however the mapper draws it. */
const filled =
  (byte: number): RandomSource =>
  (out) => {
    out.fill(byte);
  };
const fresh = (byte: number) => ({
  traceId: byte.toString(16).padStart(2, '0').repeat(16),
  spanId: byte.toString(16).padStart(2, '0').repeat(8),
});

/** The recorder names a page view itself when the background keeps none (site not enabled). */
const RECORDER_PAGE_VIEW_ID = '0f0f0f0f0f0f0f0f';
const pageViewIdOf = (f: Fixture) => f.pageView?.spanId ?? RECORDER_PAGE_VIEW_ID;

function map(f: Fixture, index: number) {
  const entry = f.entries[index];
  const result = harEntryToSpan(entry, {
    tabId: f.tabId,
    pageViewId: pageViewIdOf(f),
    pageUrl: f.pageUrl,
    pageView: f.pageView,
    sensitiveParams: DEFAULT_SENSITIVE_PARAMS,
    random: filled(0xa0 + index),
  });
  if (result.kind !== 'span') throw new Error(`${f.scenario}[${index}]: ${JSON.stringify(result)}`);
  return { ...result, entry: entry as HarEntry };
}

const traceparentOf = (entry: HarEntry) => {
  const value = entry.request.headers.find((h) => h.name.toLowerCase() === 'traceparent')?.value;
  const m = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/.exec(value ?? '');
  if (!m?.[1] || !m[2]) throw new Error(`no traceparent sent: ${String(value)}`);
  return { value: value ?? '', traceId: m[1], spanId: m[2] };
};

/**
 * The phase events a HAR entry's timings give (DESIGN §8): fetchStart at startedDateTime, then the
 * phases blocked, dns, connect, send, wait, receive in turn. A phase of -1 did not happen, so dns
 * and connect add no events then; any other negative is not a duration and counts as 0. ssl is the
 * end of connect. With no response (status 0) there is no request or response to mark.
 */
function phaseEvents(entry: HarEntry): { name: string; time: number }[] {
  const t = (key: string) => Math.max(0, entry.timings[key] ?? 0);
  const start = Date.parse(entry.startedDateTime);
  const events = [{ name: 'fetchStart', time: start }];
  let cursor = start + t('blocked');
  if (entry.timings['dns'] !== -1) {
    events.push({ name: 'domainLookupStart', time: cursor });
    cursor += t('dns');
    events.push({ name: 'domainLookupEnd', time: cursor });
  }
  if (entry.timings['connect'] !== -1) {
    events.push({ name: 'connectStart', time: cursor });
    cursor += t('connect');
    if (entry.timings['ssl'] !== -1) {
      events.push({ name: 'secureConnectionStart', time: cursor - t('ssl') });
    }
    events.push({ name: 'connectEnd', time: cursor });
  }
  if (entry.response.status !== 0) {
    events.push({ name: 'requestStart', time: cursor });
    cursor += t('send') + t('wait');
    events.push({ name: 'responseStart', time: cursor });
    cursor += t('receive');
    events.push({ name: 'responseEnd', time: cursor });
  }
  return events;
}

const REQUEST_PHASES = ['fetchStart', 'requestStart', 'responseStart', 'responseEnd'];
const NEW_CONNECTION = [
  'fetchStart',
  'domainLookupStart',
  'domainLookupEnd',
  'connectStart',
  'connectEnd',
  'requestStart',
  'responseStart',
  'responseEnd',
];

/** What a scenario's rules say about one span; the rest comes from the entry's own facts. */
interface Rules {
  readonly method: string;
  readonly template: string;
  readonly status?: number;
  readonly errorType?: string;
  readonly spanStatus: StatusCode;
  readonly resourceType: string;
  readonly cache?: 'memory' | 'disk';
  readonly serviceWorker?: boolean;
  readonly source: ContextSource;
  readonly ids: { traceId: string; spanId: string; parentSpanId?: string };
  readonly events: readonly string[];
  readonly urlFull?: string;
  readonly headers?: Readonly<Record<string, readonly string[]>>;
}

function expectSpan(f: Fixture, index: number, rules: Rules): RecordedSpan {
  const { span, source, entry } = map(f, index);
  const url = new URL(entry.request.url);
  const start = Date.parse(entry.startedDateTime);
  const label = `${f.scenario}[${index}]`;
  expect(source, label).toBe(rules.source);
  expect(span.name, label).toBe(`${rules.method} ${rules.template}`);
  expect(span.kind, label).toBe(SPAN_KIND_CLIENT);
  expect(
    { traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId },
    label,
  ).toEqual({ parentSpanId: undefined, ...rules.ids });
  expect(span.status.code, label).toBe(rules.spanStatus);
  expect(span.startTime, label).toBe(start);
  // Epoch milliseconds near 1.8e12 keep about 0.0002 ms of fraction, hence 3 digits.
  expect(span.endTime, label).toBeCloseTo(start + entry.time, 3);
  expect(span.context, label).toEqual({
    tabId: f.tabId,
    pageViewId: pageViewIdOf(f),
    pageUrl: f.pageUrl,
  });
  expect(span.exported, label).toBe(0);

  const responded = entry.response.status !== 0;
  const expected: Record<string, AttributeValue> = {
    'http.request.method': rules.method,
    'url.full': rules.urlFull ?? entry.request.url,
    'url.scheme': 'http',
    'url.template': rules.template,
    'server.address': url.hostname,
    'server.port': Number(url.port),
    ...(rules.status !== undefined ? { 'http.response.status_code': rules.status } : {}),
    ...(rules.errorType !== undefined ? { 'error.type': rules.errorType } : {}),
    // Every capture here is HTTP/1.1; a request that got no response has no protocol.
    ...(responded ? { 'network.protocol.name': 'http', 'network.protocol.version': '1.1' } : {}),
    ...(entry.serverIPAddress ? { 'network.peer.address': entry.serverIPAddress } : {}),
    'http.request.body.size': entry.request.bodySize,
    // HAR bodySize (bytes received; 0 from a cache), else the content size when bodySize is
    // unknown (-1) or not a size (Chromium reports -260 on a preflight); none without a response.
    ...(responded
      ? {
          'http.response.body.size':
            entry.response.bodySize >= 0 ? entry.response.bodySize : entry.response.content.size,
        }
      : {}),
    'browser.request.resource_type': rules.resourceType,
    'browser.request.priority': entry._priority,
    'browser.request.from_cache': rules.cache !== undefined,
    ...(rules.cache ? { 'browser.request.cache_source': rules.cache } : {}),
    'browser.request.from_service_worker': rules.serviceWorker ?? false,
    ...(entry._initiator ? { 'browser.request.initiator.type': entry._initiator.type } : {}),
    ...(entry._initiator?.url ? { 'browser.request.initiator.url': entry._initiator.url } : {}),
    'browser.request.transfer_size': entry.response._transferSize,
    // The HAR phases the events cannot carry, when Chromium reported them.
    ...((entry.timings._blocked_queueing ?? -1) >= 0
      ? { 'browser.timing.queueing': entry.timings._blocked_queueing }
      : {}),
    ...(responded && (entry.timings.send ?? -1) >= 0
      ? { 'browser.timing.send': entry.timings.send }
      : {}),
    'browser.trace.context_source': rules.source,
    ...(rules.source === 'none' ? {} : { 'browser.trace.context_format': 'traceparent' }),
    'browser.page_view.id': pageViewIdOf(f),
  };
  for (const [name, values] of Object.entries(rules.headers ?? {})) {
    expected[`http.request.header.${name}`] = values;
  }
  expect(span.attributes, label).toEqual(expected);

  expect(
    span.events.map((e) => e.name),
    label,
  ).toEqual(rules.events);
  const times = phaseEvents(entry);
  expect(times.map((e) => e.name)).toEqual(rules.events);
  span.events.forEach((event, i) => {
    expect(event.time, `${label} ${event.name}`).toBeCloseTo(times[i]?.time ?? NaN, 3);
    expect(event.time).toBeGreaterThanOrEqual(span.startTime);
    expect(event.time).toBeLessThanOrEqual(span.endTime);
  });
  return span;
}

/** A request without context, from a page whose site is not enabled: a trace of its own. */
const untraced = (index = 0) => ({ source: 'none' as const, ids: fresh(0xa0 + index) });
const ok = (status: number): Pick<Rules, 'status' | 'spanStatus'> => ({
  status,
  spanStatus: STATUS_UNSET,
});

describe('harEntryToSpan on real Chromium HAR entries', () => {
  test('a fetch GET 200', () => {
    expectSpan(load('fetch-200'), 0, {
      method: 'GET',
      template: '/users/{id}',
      ...ok(200),
      resourceType: 'fetch',
      ...untraced(),
      events: REQUEST_PHASES,
    });
  });

  test('an XHR POST with a JSON body', () => {
    const f = load('xhr-post');
    expect(f.entries[0]?.request.bodySize).toBe(29);
    expectSpan(f, 0, {
      method: 'POST',
      template: '/orders',
      ...ok(201),
      resourceType: 'xhr',
      ...untraced(),
      events: REQUEST_PHASES,
    });
  });

  test('a refused connection: ERROR with the net error, no status, no response phases', () => {
    const f = load('failed-connection-refused');
    expect(f.entries[0]?.response._error).toBe('net::ERR_CONNECTION_REFUSED');
    const span = expectSpan(f, 0, {
      method: 'GET',
      template: '/refused',
      errorType: 'net::ERR_CONNECTION_REFUSED',
      spanStatus: STATUS_ERROR,
      resourceType: 'fetch',
      ...untraced(),
      events: ['fetchStart'],
    });
    expect(span.status.message).toContain('ERR_CONNECTION_REFUSED');
  });

  test.each([
    ['status-404', '/missing', 404],
    ['status-503', '/unavailable', 503],
  ])('%s: ERROR, error.type is the status code', (name, template, status) => {
    expectSpan(load(name), 0, {
      method: 'GET',
      template,
      status,
      errorType: String(status),
      spanStatus: STATUS_ERROR,
      resourceType: 'fetch',
      ...untraced(),
      events: REQUEST_PHASES,
    });
  });

  test('a response from the disk cache', () => {
    const f = load('cached');
    expect(f.entries[0]?.response._transferSize).toBe(0);
    expectSpan(f, 0, {
      method: 'GET',
      template: '/cached',
      ...ok(200),
      resourceType: 'fetch',
      cache: 'disk',
      ...untraced(),
      events: REQUEST_PHASES,
    });
  });

  test('a response from the memory cache (blocked is -1)', () => {
    const f = load('cached-memory');
    expect(f.entries[0]?.timings['blocked']).toBe(-1);
    expectSpan(f, 0, {
      method: 'GET',
      template: '/lib.js',
      ...ok(200),
      resourceType: 'script',
      cache: 'memory',
      ...untraced(),
      events: REQUEST_PHASES,
    });
  });

  test('a redirect chain: one span per hop, 3xx is not an error', () => {
    const f = load('redirect-chain');
    expect(f.entries).toHaveLength(3);
    const hops = [
      ['/redirect-a', 302],
      ['/redirect-b', 302],
      ['/redirected', 200],
    ] as const;
    hops.forEach(([template, status], i) => {
      expectSpan(f, i, {
        method: 'GET',
        template,
        ...ok(status),
        resourceType: 'fetch',
        ...untraced(i),
        events: REQUEST_PHASES,
      });
    });
  });

  test('a CORS preflight is its own entry, on a new connection, and its span too', () => {
    const f = load('cors-preflight');
    expect(f.entries[0]?._initiator).toEqual({
      type: 'preflight',
      url: f.entries[1]?.request.url,
      requestId: expect.any(String) as string,
    });
    expectSpan(f, 0, {
      method: 'OPTIONS',
      template: '/preflighted',
      ...ok(204),
      resourceType: 'preflight',
      ...untraced(0),
      events: NEW_CONNECTION,
    });
    const span = expectSpan(f, 1, {
      method: 'GET',
      template: '/preflighted',
      ...ok(200),
      resourceType: 'fetch',
      ...untraced(1),
      events: REQUEST_PHASES,
    });
    // Only propagation headers are kept, not the page's own custom one.
    expect(span.attributes['http.request.header.x-custom']).toBeUndefined();
  });

  test('secrets in the query are redacted before anything is stored', () => {
    const f = load('secrets-in-query');
    const raw = f.entries[0]?.request.url ?? '';
    expect(raw).toContain('token=abc123&api_key=XYZ&session=s1');
    const span = expectSpan(f, 0, {
      method: 'GET',
      template: '/search',
      ...ok(200),
      resourceType: 'fetch',
      ...untraced(),
      events: REQUEST_PHASES,
      urlFull: raw.replace(
        '?q=shoes&token=abc123&api_key=XYZ&session=s1',
        '?q=shoes&token=REDACTED&api_key=REDACTED&session=REDACTED',
      ),
    });
    const stored = JSON.stringify(span);
    for (const secret of ['abc123', '=XYZ', '=s1']) expect(stored).not.toContain(secret);
  });

  test('no context (site not enabled): a new trace from the random source', () => {
    const f = load('no-context');
    expect(f.pageView).toBeNull();
    expectSpan(f, 0, {
      method: 'GET',
      template: '/untraced',
      ...ok(200),
      resourceType: 'fetch',
      ...untraced(),
      events: REQUEST_PHASES,
    });
  });

  test('a response a service worker made: no peer, flagged as from the service worker', () => {
    const f = load('service-worker');
    expect(f.entries[0]?.serverIPAddress).toBe('');
    expectSpan(f, 0, {
      method: 'GET',
      template: '/sw/greeting',
      ...ok(200),
      resourceType: 'fetch',
      serviceWorker: true,
      ...untraced(),
      events: REQUEST_PHASES,
    });
  });

  test('page mode: the span is the injected context, its id the header parent-id', () => {
    const f = load('injected-traceparent');
    const entry = f.entries[0] as HarEntry;
    const sent = traceparentOf(entry);
    // The tab has a page view, but this request carries a context of its own.
    expect(f.pageView?.traceId).not.toBe(sent.traceId);
    expectSpan(f, 0, {
      method: 'GET',
      template: '/traced',
      ...ok(200),
      resourceType: 'fetch',
      source: 'extension',
      ids: { traceId: sent.traceId, spanId: sent.spanId },
      events: REQUEST_PHASES,
      headers: { traceparent: [sent.value], baggage: ['user.id=12345'] },
    });
  });

  test("network mode: the span is a child of the tab's page-view span, in its trace", () => {
    const f = load('network-mode');
    const entry = f.entries[0] as HarEntry;
    const sent = traceparentOf(entry);
    const view = f.pageView;
    expect(view).not.toBeNull();
    expect(sent).toMatchObject({ traceId: view?.traceId, spanId: view?.spanId });
    expectSpan(f, 0, {
      method: 'GET',
      template: '/network-mode',
      ...ok(200),
      resourceType: 'fetch',
      source: 'page-view',
      ids: { traceId: sent.traceId, spanId: fresh(0xa0).spanId, parentSpanId: sent.spanId },
      events: NEW_CONNECTION,
      headers: { traceparent: [sent.value], baggage: ['user.id=12345'] },
    });
  });

  test('every fixture file is covered here', () => {
    const files = readdirSync(DIR)
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.replace(/\.json$/, ''))
      .sort();
    expect(files).toEqual(
      [
        'cached',
        'cached-memory',
        'cors-preflight',
        'failed-connection-refused',
        'fetch-200',
        'injected-traceparent',
        'network-mode',
        'no-context',
        'redirect-chain',
        'secrets-in-query',
        'service-worker',
        'status-404',
        'status-503',
        'xhr-post',
      ].sort(),
    );
    for (const name of files) expect(load(name).scenario).toBe(name);
  });
});
