/**
 * The encoder against the OTLP specification's own example request
 * (opentelemetry-proto/examples/trace.json, in test/fixtures/otlp): the same span, encoded by us,
 * is that JSON, key for key, apart from the differences named here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { encodeOtlpJson } from '../../../src/core/otlp/json';
import type { RecordedSpan } from '../../../src/core/span/model';
import { ROOT } from '../../support/paths';

const example = JSON.parse(
  readFileSync(join(ROOT, 'test/fixtures/otlp/opentelemetry-proto-example-trace.json'), 'utf8'),
) as {
  resourceSpans: {
    scopeSpans: { scope: Record<string, unknown>; spans: Record<string, unknown>[] }[];
  }[];
};

/** The example's span as this extension records one (it records CLIENT spans, not SERVER). */
const SPAN: RecordedSpan = {
  traceId: '5b8efff798038103d269b633813fc60c',
  spanId: 'eee19b7ec3c1b174',
  parentSpanId: 'eee19b7ec3c1b173',
  name: "I'm a server span",
  kind: 3,
  startTime: 1544712660000,
  endTime: 1544712661000,
  attributes: { 'my.span.attr': 'some value' },
  events: [],
  status: { code: 0 },
  context: { tabId: 1, pageViewId: 'p', pageUrl: 'https://example.com/' },
  exported: 0,
};

describe('encodeOtlpJson and the specification example', () => {
  test('encodes the example span to the example request', () => {
    const ours = encodeOtlpJson([SPAN], {
      resource: { 'service.name': 'my.service' },
      scope: { name: 'my.library', version: '1.0.0' },
    });
    const expected = structuredClone(example);
    const scopeSpans = expected.resourceSpans[0]?.scopeSpans[0];
    const span = scopeSpans?.spans[0];
    if (scopeSpans === undefined || span === undefined) throw new Error('example changed');
    // The differences, each deliberate:
    // - ids in lowercase: the spec's example uses uppercase hex, which readers accept; lowercase
    //   is what the spec's text and the official exporters write;
    span['traceId'] = String(span['traceId']).toLowerCase();
    span['spanId'] = String(span['spanId']).toLowerCase();
    span['parentSpanId'] = String(span['parentSpanId']).toLowerCase();
    // - a CLIENT span (3), since that is what a browser records;
    span['kind'] = 3;
    // - an explicit empty events list and an UNSET status, which the extension always writes;
    span['events'] = [];
    span['status'] = { code: 0 };
    // - no scope attributes: the extension's scope is its name and version.
    delete scopeSpans.scope['attributes'];
    expect(ours).toEqual(expected);
  });
});
