import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { RecordedSpan } from '../../../src/core/span/model';
import { pageViewSpan } from '../../../src/core/span/page-view-span';
import {
  jaegerTag,
  msToMicros,
  toJaegerUpload,
  type JaegerExportOptions,
} from '../../../src/devtools/panel/model/jaeger-json';
import { DEFAULT_SENSITIVE_PARAMS } from '../../../src/core/span/redact';
import { jaegerUiUpload } from './jaeger-ui-checks';
import { fixtureSpans, harFixture } from './fixture-spans';
import { span } from './builders';

const OPTIONS: JaegerExportOptions = {
  serviceName: 'browser',
  resource: { 'service.name': 'browser', 'telemetry.sdk.name': 'trace-capture' },
  scope: { name: 'trace-capture', version: '0.1.0' },
};

/** Uploaded as a user would: through JSON text. */
function upload(spans: readonly RecordedSpan[]) {
  return jaegerUiUpload(JSON.parse(JSON.stringify(toJaegerUpload(spans, OPTIONS))));
}

describe("Jaeger UI's upload checks", () => {
  test("accept Jaeger's own JSON, and notice what is odd about it", () => {
    const real: unknown = JSON.parse(
      readFileSync(new URL('../../fixtures/jaeger/otlp2jaeger-out.json', import.meta.url), 'utf8'),
    );
    const { traces, errorCount } = jaegerUiUpload(real);
    expect(errorCount).toBe(0);
    expect(traces).toHaveLength(1);
    expect(traces[0]).toMatchObject({
      traceID: '83a9efd15c1c98a977e0711cc93ee28b',
      orphanSpanCount: 2,
      problems: [],
    });
    expect(traces[0]?.warnings).toEqual(['Dupe spanID, 2 x e127af99e3b3e074']);
    expect(traces[0]?.spans.map((s) => [s.kind, s.serviceName])).toEqual([
      ['SERVER', 'telemetrygen'],
      ['SERVER', 'telemetrygen'],
    ]);
  });

  test('refuse what Jaeger UI cannot load', () => {
    expect(jaegerUiUpload({ data: [{ spans: [] }] }).errorCount).toBe(1);
    expect(jaegerUiUpload({ data: [{ traceID: 'x', spans: 5 }] }).errorCount).toBe(1);
    expect(jaegerUiUpload(null).errorCount).toBe(1);
  });
});

describe('toJaegerUpload', () => {
  test('a network-mode page view: one trace, the page-view span over its request, no orphans', () => {
    const fixture = harFixture('network-mode');
    const requests = fixtureSpans('network-mode');
    if (fixture.pageView === null) throw new Error('the fixture has a page view');
    const view = pageViewSpan(fixture.pageView, fixture.pageUrl, requests, {
      tabId: fixture.tabId,
      pageViewId: fixture.pageView.spanId,
      sensitiveParams: DEFAULT_SENSITIVE_PARAMS,
    });
    const { traces, errorCount } = upload([view, ...requests]);
    expect(errorCount).toBe(0);
    expect(traces).toHaveLength(1);
    const [trace] = traces;
    expect(trace).toMatchObject({
      traceID: fixture.pageView.traceId,
      orphanSpanCount: 0,
      warnings: [],
      problems: [],
    });
    expect(trace?.rootSpanIDs).toEqual([fixture.pageView.spanId]);
    expect(trace?.spans.map((s) => [s.kind, s.depth, s.serviceName])).toEqual([
      ['INTERNAL', 0, 'browser'],
      ...requests.map(() => ['CLIENT', 1, 'browser']),
    ]);
  });

  test('errors show as errors; each trace id is its own trace', () => {
    const spans = [
      ...fixtureSpans('status-404', 1),
      ...fixtureSpans('failed-connection-refused', 2),
      ...fixtureSpans('fetch-200', 3),
    ];
    const { traces, errorCount } = upload(spans);
    expect(errorCount).toBe(0);
    expect(traces).toHaveLength(new Set(spans.map((s) => s.traceId)).size);
    expect(traces.flatMap((t) => t.spans.map((s) => s.error))).toEqual(
      spans.map((s) => s.status.code === 2),
    );
    for (const t of traces) expect(t.problems).toEqual([]);
  });

  test('the exact shape of one span', () => {
    const s = span({
      parentSpanId: '00f067aa0ba902b7',
      start: 0.5,
      duration: 40.25,
      error: true,
      attributes: {
        'http.request.method': 'GET',
        'server.port': 443,
        'x.ratio': 0.5,
        'x.ok': true,
        'http.request.header.baggage': ['a=1', 'b=2'],
      },
      events: [{ name: 'fetchStart', time: 1795366947324.5 }],
    });
    const [trace] = toJaegerUpload([s], OPTIONS).data;
    expect(trace?.processes).toEqual({
      p1: {
        serviceName: 'browser',
        tags: [{ key: 'telemetry.sdk.name', type: 'string', value: 'trace-capture' }],
      },
    });
    expect(trace?.spans[0]).toEqual({
      traceID: s.traceId,
      spanID: s.spanId,
      operationName: 'GET /items',
      references: [{ refType: 'CHILD_OF', traceID: s.traceId, spanID: '00f067aa0ba902b7' }],
      startTime: msToMicros(s.startTime),
      duration: 40250,
      tags: [
        { key: 'http.request.method', type: 'string', value: 'GET' },
        { key: 'server.port', type: 'int64', value: 443 },
        { key: 'x.ratio', type: 'float64', value: 0.5 },
        { key: 'x.ok', type: 'bool', value: true },
        { key: 'http.request.header.baggage', type: 'string', value: '["a=1","b=2"]' },
        { key: 'span.kind', type: 'string', value: 'client' },
        { key: 'otel.status_code', type: 'string', value: 'ERROR' },
        { key: 'error', type: 'bool', value: true },
        { key: 'otel.status_description', type: 'string', value: 'HTTP 500 Internal Server Error' },
        { key: 'otel.scope.name', type: 'string', value: 'trace-capture' },
        { key: 'otel.scope.version', type: 'string', value: '0.1.0' },
      ],
      logs: [
        {
          timestamp: 1795366947324500,
          fields: [{ key: 'event', type: 'string', value: 'fetchStart' }],
        },
      ],
      processID: 'p1',
      warnings: null,
    });
  });

  test('jaegerTag: whole numbers are int64, others float64', () => {
    expect(jaegerTag('a', 2 ** 53)).toEqual({ key: 'a', type: 'float64', value: 2 ** 53 });
    expect(jaegerTag('a', -3)).toEqual({ key: 'a', type: 'int64', value: -3 });
  });
});

describe('msToMicros', () => {
  test('rounds the exact value half up, without float multiplication', () => {
    expect(msToMicros(1795366947324.123)).toBe(1795366947324123);
    expect(msToMicros(0.0005)).toBe(1);
    expect(msToMicros(1.0004)).toBe(1000);
    expect(msToMicros(NaN)).toBe(0);
  });

  // Up to 9e12 ms (the year 2255): beyond it microseconds pass 2^53, JSON's last exact integer.
  test('is a whole number within half a microsecond of ms × 1000', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e12, max: 9e12, noNaN: true }), (ms) => {
        const us = msToMicros(ms);
        expect(Number.isSafeInteger(us)).toBe(true);
        // ms × 1000 in floating point is itself off by up to one unit in the last place.
        const product = ms * 1000;
        const ulp = 2 ** (Math.floor(Math.log2(product)) - 52);
        expect(Math.abs(us - product)).toBeLessThanOrEqual(0.5 + ulp);
      }),
    );
  });
});
