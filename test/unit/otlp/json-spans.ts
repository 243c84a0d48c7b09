// Spans for the OTLP/JSON tests: every attribute type a recorded span holds, a root, a child, an error.
import type { RecordedSpan } from '../../../src/core/span/model';
import type { OtlpExportMeta } from '../../../src/core/otlp/json';

export const META: OtlpExportMeta = {
  resource: { 'service.name': 'browser', 'telemetry.sdk.language': 'webjs', 'process.pid': 1 },
  scope: { name: 'trace-capture', version: '0.1.0' },
};

export const PAGE_VIEW: RecordedSpan = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  name: 'page_view /users/{id}',
  kind: 1,
  startTime: 1795366946824,
  endTime: 1795366947364.25,
  attributes: {
    'url.full': 'https://app.example.com/users/8123?tab=orders',
    'url.template': '/users/{id}',
    'browser.page_view.id': '00f067aa0ba902b7',
  },
  events: [],
  status: { code: 0 },
  context: {
    tabId: 7,
    pageViewId: '00f067aa0ba902b7',
    pageUrl: 'https://app.example.com/users/8123?tab=orders',
  },
  exported: 0,
};

export const REQUEST: RecordedSpan = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: 'b7ad6b7169203331',
  parentSpanId: '00f067aa0ba902b7',
  name: 'GET /users/{id}/orders',
  kind: 3,
  startTime: 1795366947324.123,
  endTime: 1795366947364.25,
  attributes: {
    'http.request.method': 'GET',
    'url.full': 'https://api.example.com/users/8123/orders?access_token=REDACTED',
    'server.port': 443,
    'http.response.status_code': 503,
    'browser.request.from_cache': false,
    'browser.request.transfer_size': 0,
    'x.ratio': 0.25,
    'http.request.header.traceparent': ['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03'],
    'http.request.header.baggage': [],
  },
  events: [
    { name: 'fetchStart', time: 1795366947324.123 },
    { name: 'responseEnd', time: 1795366947364.25 },
  ],
  status: { code: 2, message: 'HTTP 503 Service Unavailable' },
  context: {
    tabId: 7,
    pageViewId: '00f067aa0ba902b7',
    pageUrl: 'https://app.example.com/users/8123?tab=orders',
  },
  exported: 0,
};
