import { describe, expect, test } from 'vitest';
import {
  harEntryToSpan,
  MAX_URL_LENGTH,
  REDACTED,
  SPAN_KIND_CLIENT,
  STATUS_ERROR,
  STATUS_UNSET,
  type MapContext,
  type MapResult,
  type RecordedSpan,
} from '../../../src/core/span/index';
import { failedEntry, FULL_TIMINGS, harEntry, mapContext, STARTED_MS } from './har-entries';

function spanOf(result: MapResult): RecordedSpan {
  if (result.kind !== 'span') throw new Error(`expected a span, got ${JSON.stringify(result)}`);
  return result.span;
}

const map = (entry: unknown, ctx: Partial<MapContext> = {}) =>
  spanOf(harEntryToSpan(entry, mapContext(ctx)));

describe('harEntryToSpan: HTTP client span', () => {
  test('a GET 200: name, kind, times, attributes, context', () => {
    const span = map(harEntry());
    expect(span.name).toBe('GET /users/{id}');
    expect(span.kind).toBe(SPAN_KIND_CLIENT);
    expect(span.startTime).toBe(STARTED_MS);
    expect(span.endTime).toBeCloseTo(STARTED_MS + 3.011 + 0.08 + 1.692 + 0.43, 6);
    expect(span.status).toEqual({ code: STATUS_UNSET });
    expect(span.exported).toBe(0);
    expect(span.attributes).toEqual({
      'http.request.method': 'GET',
      'url.full': 'https://api.example.com/users/42',
      'url.scheme': 'https',
      'url.template': '/users/{id}',
      'server.address': 'api.example.com',
      'server.port': 443,
      'http.response.status_code': 200,
      'network.protocol.name': 'http',
      'network.protocol.version': '1.1',
      'network.peer.address': '203.0.113.7',
      'http.request.body.size': 0,
      'http.response.body.size': 33,
      'browser.request.resource_type': 'fetch',
      'browser.request.priority': 'High',
      'browser.request.from_cache': false,
      'browser.request.from_service_worker': false,
      'browser.request.initiator.type': 'script',
      'browser.request.transfer_size': 221,
      'browser.timing.queueing': 1.957,
      'browser.timing.send': 0.08,
      'browser.trace.context_source': 'none',
      'browser.page_view.id': 'pv-1',
    });
    expect(span.context).toEqual({
      tabId: 7,
      pageViewId: 'pv-1',
      pageUrl: `https://app.example.com/orders/8123?session=${REDACTED}#top`,
    });
  });

  test('a POST with a body, on an explicit port', () => {
    const span = map(
      harEntry({ method: 'POST', url: 'http://api.example.com:8080/orders', bodySize: 29 }),
    );
    expect(span.name).toBe('POST /orders');
    expect(span.attributes['http.request.body.size']).toBe(29);
    expect(span.attributes['server.port']).toBe(8080);
    expect(span.attributes['url.scheme']).toBe('http');
  });

  test.each([
    [404, 'Not Found'],
    [503, 'Service Unavailable'],
  ])('status %i: ERROR, error.type is the code', (status, statusText) => {
    const span = map(harEntry({ status, statusText }));
    expect(span.status).toEqual({ code: STATUS_ERROR, message: `HTTP ${status} ${statusText}` });
    expect(span.attributes['error.type']).toBe(String(status));
    expect(span.attributes['http.response.status_code']).toBe(status);
  });

  test('a redirect is not an error', () => {
    const span = map(harEntry({ status: 302, statusText: 'Found', url: 'https://a.test/login' }));
    expect(span.status).toEqual({ code: STATUS_UNSET });
    expect(span.attributes['error.type']).toBeUndefined();
    expect(span.attributes['http.response.status_code']).toBe(302);
  });

  test('a failed request (no response): ERROR with the net error, no status, no response events', () => {
    const span = map(
      failedEntry('http://closed.test:43123/refused', 'net::ERR_CONNECTION_REFUSED'),
    );
    expect(span.status).toEqual({
      code: STATUS_ERROR,
      message: 'failed: net::ERR_CONNECTION_REFUSED',
    });
    expect(span.attributes['error.type']).toBe('net::ERR_CONNECTION_REFUSED');
    expect(span.attributes['http.response.status_code']).toBeUndefined();
    expect(span.attributes['http.response.body.size']).toBeUndefined();
    expect(span.attributes['network.protocol.version']).toBeUndefined();
    expect(span.attributes['network.peer.address']).toBeUndefined();
    expect(span.events.map((e) => e.name)).toEqual(['fetchStart']);
    expect(span.endTime).toBeCloseTo(STARTED_MS + 9.374, 6);
  });

  test('a request blocked by an extension or policy is an ERROR that says so', () => {
    const span = map(
      failedEntry('https://ads.example.net/pixel.gif', 'net::ERR_BLOCKED_BY_CLIENT', 0.2),
    );
    expect(span.status).toEqual({
      code: STATUS_ERROR,
      message: 'blocked: net::ERR_BLOCKED_BY_CLIENT',
    });
    expect(span.attributes['error.type']).toBe('net::ERR_BLOCKED_BY_CLIENT');
  });

  test('no response and no reason: error.type _OTHER', () => {
    const span = map(harEntry({ status: 0, error: null }));
    expect(span.status).toEqual({ code: STATUS_ERROR, message: 'failed: no response' });
    expect(span.attributes['error.type']).toBe('_OTHER');
  });

  test('a response cut off mid-body keeps its status but is an ERROR', () => {
    const span = map(harEntry({ status: 200, error: 'net::ERR_ABORTED' }));
    expect(span.status.code).toBe(STATUS_ERROR);
    expect(span.attributes['error.type']).toBe('net::ERR_ABORTED');
    expect(span.attributes['http.response.status_code']).toBe(200);
  });

  test('from the memory or disk cache', () => {
    for (const source of ['memory', 'disk'] as const) {
      const span = map(
        harEntry({ transferSize: 0, responseBodySize: 0, extra: { _fromCache: source } }),
      );
      expect(span.attributes['browser.request.from_cache']).toBe(true);
      expect(span.attributes['browser.request.cache_source']).toBe(source);
      expect(span.attributes['http.response.body.size']).toBe(0);
    }
  });

  test("Firefox's cache.afterRequest marks a cached response", () => {
    const span = map(harEntry({ extra: { cache: { afterRequest: null } } }));
    expect(span.attributes['browser.request.from_cache']).toBe(true);
    expect(span.attributes['browser.request.cache_source']).toBeUndefined();
  });

  test('fetched via a service worker, either field name', () => {
    const viaResponse = map(
      harEntry({ serverIPAddress: '', response: { _fetchedViaServiceWorker: true } }),
    );
    expect(viaResponse.attributes['browser.request.from_service_worker']).toBe(true);
    expect(viaResponse.attributes['network.peer.address']).toBeUndefined();
    const viaEntry = map(harEntry({ extra: { _fromServiceWorker: true } }));
    expect(viaEntry.attributes['browser.request.from_service_worker']).toBe(true);
  });

  test('a CORS preflight: OPTIONS, its own span, no context', () => {
    const result = harEntryToSpan(
      harEntry({
        method: 'OPTIONS',
        status: 204,
        url: 'https://api.example.com/orders/77',
        responseBodySize: -260,
        contentSize: 0,
        headers: [
          { name: 'Access-Control-Request-Method', value: 'POST' },
          { name: 'Access-Control-Request-Headers', value: 'traceparent,baggage' },
        ],
        extra: {
          _resourceType: 'preflight',
          _initiator: {
            type: 'preflight',
            url: 'https://api.example.com/orders/77',
            requestId: '1.2',
          },
        },
      }),
      mapContext(),
    );
    expect(result.kind === 'span' && result.source).toBe('none');
    const span = spanOf(result);
    expect(span.name).toBe('OPTIONS /orders/{id}');
    expect(span.attributes['browser.request.resource_type']).toBe('preflight');
    expect(span.attributes['browser.request.initiator.type']).toBe('preflight');
    expect(span.attributes['browser.request.initiator.url']).toBe(
      'https://api.example.com/orders/77',
    );
    // -260 is not a size: the content size stands in
    expect(span.attributes['http.response.body.size']).toBe(0);
    expect(
      Object.keys(span.attributes).filter((k) => k.startsWith('http.request.header.')),
    ).toEqual([]);
  });

  test('unknown methods are _OTHER, named HTTP, original kept', () => {
    const span = map(harEntry({ method: 'PROPFIND' }));
    expect(span.name).toBe('HTTP /users/{id}');
    expect(span.attributes['http.request.method']).toBe('_OTHER');
    expect(span.attributes['http.request.method_original']).toBe('PROPFIND');
  });

  test.each([
    ['HTTP/1.1', '1.1'],
    ['http/1.0', '1.0'],
    ['h2', '2'],
    ['HTTP/2.0', '2'],
    ['h3', '3'],
    ['h3-29', '3'],
    ['unknown', undefined],
  ])('httpVersion %s → network.protocol.version %s', (httpVersion, version) => {
    const span = map(harEntry({ httpVersion }));
    expect(span.attributes['network.protocol.version']).toBe(version);
    expect(span.attributes['network.protocol.name']).toBe(
      version === undefined ? undefined : 'http',
    );
  });

  test('HTTP/2: bodySize -1, the content size stands in', () => {
    const span = map(harEntry({ httpVersion: 'h2', responseBodySize: -1, contentSize: 512 }));
    expect(span.attributes['http.response.body.size']).toBe(512);
  });

  test('IPv6: server.address and network.peer.address without brackets', () => {
    const span = map(
      harEntry({ url: 'https://[2001:DB8::1]:8443/x', serverIPAddress: '[2001:db8::1]' }),
    );
    expect(span.attributes['server.address']).toBe('2001:db8::1');
    expect(span.attributes['server.port']).toBe(8443);
    expect(span.attributes['network.peer.address']).toBe('2001:db8::1');
  });

  test('the initiating script URL comes from the stack when the initiator has none, redacted', () => {
    const span = map(
      harEntry({
        extra: {
          _initiator: {
            type: 'script',
            stack: {
              callFrames: [{ url: '' }],
              parent: { callFrames: [{ url: 'https://app.example.com/app.js?key=k1' }] },
            },
          },
        },
      }),
    );
    expect(span.attributes['browser.request.initiator.url']).toBe(
      `https://app.example.com/app.js?key=${REDACTED}`,
    );
  });

  test('timings with every phase: events in order, ssl inside connect', () => {
    const span = map(harEntry({ timings: FULL_TIMINGS, time: 40 }));
    expect(span.events.map((e) => [e.name, e.time - STARTED_MS])).toEqual([
      ['fetchStart', 0],
      ['domainLookupStart', 2],
      ['domainLookupEnd', 5],
      ['connectStart', 5],
      ['secureConnectionStart', 9],
      ['connectEnd', 15],
      ['requestStart', 15],
      ['responseStart', 36],
      ['responseEnd', 40],
    ]);
    expect(span.endTime).toBe(STARTED_MS + 40);
  });

  test('-0 in the entry (JSON can spell it) is stored and exported as 0 (found by fuzzing)', () => {
    const span = map(
      harEntry({
        responseBodySize: -0,
        transferSize: -0,
        timings: { ...FULL_TIMINGS, send: -0, _blocked_queueing: -0 },
      }),
    );
    const zeros = [
      'http.response.body.size',
      'browser.request.transfer_size',
      'browser.timing.send',
      'browser.timing.queueing',
    ].map((key) => Object.is(span.attributes[key], 0));
    expect(zeros).toEqual([true, true, true, true]);
  });
});

describe('harEntryToSpan: secrets', () => {
  test('secrets in the query are redacted; the template has no query at all', () => {
    const span = map(
      harEntry({
        url: 'https://api.example.com/search?q=shoes&token=abc123&api_key=XYZ&session=s1',
      }),
    );
    expect(span.attributes['url.full']).toBe(
      `https://api.example.com/search?q=shoes&token=${REDACTED}&api_key=${REDACTED}&session=${REDACTED}`,
    );
    expect(span.name).toBe('GET /search');
    const stored = JSON.stringify(span);
    for (const secret of ['abc123', 'XYZ', 's1']) expect(stored).not.toContain(secret);
  });

  test('userinfo is redacted', () => {
    const span = map(harEntry({ url: 'https://bob:hunter2@api.example.com/x' }));
    expect(span.attributes['url.full']).toBe(`https://${REDACTED}:${REDACTED}@api.example.com/x`);
    expect(span.attributes['server.address']).toBe('api.example.com');
  });

  test('a 2 MB hostile URL maps, redacted and cut to MAX_URL_LENGTH', () => {
    const url = `https://bob:pw@a.test/x?token=t&${'a&'.repeat(1_000_000)}`;
    const span = map(harEntry({ url }));
    const full = span.attributes['url.full'];
    expect(typeof full === 'string' && full.length).toBe(MAX_URL_LENGTH);
    expect(full).toMatch(
      new RegExp(`^https://${REDACTED}:${REDACTED}@a\\.test/x\\?token=${REDACTED}&a&a&`),
    );
  });

  test('the configured list is the one used', () => {
    const span = map(harEntry({ url: 'https://a.test/x?ssn=123&token=t' }), {
      sensitiveParams: ['ssn'],
    });
    expect(span.attributes['url.full']).toBe(`https://a.test/x?ssn=${REDACTED}&token=t`);
  });

  test('Cookie, Authorization and the like are never captured; propagation headers are', () => {
    const span = map(
      harEntry({
        headers: [
          { name: 'Cookie', value: 'sid=SECRET-COOKIE' },
          { name: 'Authorization', value: 'Bearer SECRET-BEARER' },
          { name: 'Proxy-Authorization', value: 'Basic SECRET-PROXY' },
          { name: 'X-Api-Key', value: 'SECRET-KEY' },
          { name: 'Baggage', value: 'user.id=12345' },
          { name: 'b3', value: '4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1' },
          { name: 'uberctx-tenant', value: 'acme' },
        ],
      }),
    );
    const headers = Object.fromEntries(
      Object.entries(span.attributes).filter(([k]) => k.startsWith('http.request.header.')),
    );
    expect(headers).toEqual({
      'http.request.header.baggage': ['user.id=12345'],
      'http.request.header.b3': ['4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1'],
      'http.request.header.uberctx-tenant': ['acme'],
    });
    expect(JSON.stringify(span)).not.toMatch(/SECRET-/);
  });

  test('repeated propagation headers keep every value', () => {
    const span = map(
      harEntry({
        headers: [
          { name: 'baggage', value: 'a=1' },
          { name: 'Baggage', value: 'b=2' },
        ],
      }),
    );
    expect(span.attributes['http.request.header.baggage']).toEqual(['a=1', 'b=2']);
  });
});

describe('harEntryToSpan: skipped and invalid entries', () => {
  test.each([
    'data:image/png;base64,iVBORw0KGgo=',
    'blob:https://app.example.com/1f0e7a44-2b7c-4a1e-9f1b-2a3c4d5e6f70',
    'chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html',
    'moz-extension://0c8a3f7e-1111-2222-3333-444455556666/panel.html',
    'about:blank',
    'chrome://favicon/https://a.test',
    'wss://api.example.com/socket',
    'file:///etc/hosts',
  ])('%s is skipped', (url) => {
    const result = harEntryToSpan(harEntry({ url }), mapContext());
    expect(result.kind).toBe('skipped');
  });

  test.each([
    [null, /not an object/],
    ['entry', /not an object/],
    [[], /not an object/],
    [{}, /no request/],
    [{ request: { url: 42 } }, /request\.url/],
    [{ request: { url: '/relative/path', method: 'GET' } }, /not absolute/],
    [harEntry({ method: '' }), /request\.method/],
    [{ ...harEntry(), startedDateTime: 'yesterday' }, /startedDateTime "yesterday"/],
    [{ ...harEntry(), startedDateTime: 1795367114429 }, /startedDateTime number/],
    [harEntry({ url: 'https:///no-host' }), /no valid host/],
    [harEntry({ url: 'https://a.test:99999/' }), /no valid host/],
  ])('%j is invalid', (entry, error) => {
    const result = harEntryToSpan(entry, mapContext());
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.error).toMatch(error);
  });

  test('an invalid URL is quoted redacted in the error', () => {
    const result = harEntryToSpan({ request: { url: '/x?token=SECRET1' } }, mapContext());
    expect(result).toEqual({
      kind: 'invalid',
      error: `request.url is not absolute: "/x?token=${REDACTED}"`,
    });
  });

  test('a throwing getter or random source yields invalid, not an exception', () => {
    const hostile = harEntry();
    Object.defineProperty(hostile, 'timings', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(harEntryToSpan(hostile, mapContext())).toEqual({
      kind: 'invalid',
      error: 'could not read the HAR entry: boom',
    });
    const broken = harEntryToSpan(
      harEntry(),
      mapContext({
        random: () => {
          throw new Error('no entropy');
        },
      }),
    );
    expect(broken).toEqual({ kind: 'invalid', error: 'could not read the HAR entry: no entropy' });
  });

  test('a random source that writes nothing still yields valid (non-zero) ids', () => {
    const span = map(harEntry(), { random: () => undefined });
    expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(span.traceId).not.toMatch(/^0+$/);
  });
});
