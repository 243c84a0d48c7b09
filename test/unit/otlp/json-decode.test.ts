import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeAnyValue } from '../../../src/core/otlp/any-value';
import { encodeOtlpJson, otlpJsonText } from '../../../src/core/otlp/json';
import {
  decodeOtlpJson,
  MAX_LISTED_ISSUES,
  type OtlpImportContext,
} from '../../../src/core/otlp/json-decode';
import type { RecordedSpan } from '../../../src/core/span/model';
import { DEFAULT_SENSITIVE_PARAMS } from '../../../src/core/span/redact';
import { META, PAGE_VIEW, REQUEST } from './json-spans';

const CTX: OtlpImportContext = {
  tabId: 7,
  pageViewId: 'import-1',
  pageUrl: 'https://app.example.com/users/8123?tab=orders&token=secret',
  sensitiveParams: DEFAULT_SENSITIVE_PARAMS,
  exported: 1,
};

function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/otlp/${name}`, import.meta.url), 'utf8');
}

function decoded(text: string, ctx = CTX) {
  const result = decodeOtlpJson(text, ctx);
  if (!result.ok) throw new Error(result.error);
  return result;
}

/** A request with one span, its fields replaced by `span`. */
function withSpan(span: Record<string, unknown>): string {
  const base = encodeOtlpJson([REQUEST], META).resourceSpans[0]?.scopeSpans[0]?.spans[0];
  return JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ ...base, ...span }] }] }] });
}

const SPAN = 'resourceSpans[0].scopeSpans[0].spans[0]';

describe('decodeOtlpJson: reading back what we write', () => {
  test('the encoder still writes the fixture exactly', () => {
    expect(JSON.parse(fixture('trace-capture-export.json'))).toEqual(
      encodeOtlpJson([PAGE_VIEW, REQUEST], META),
    );
  });

  test('round trip: the same spans, filed under the page view they name', () => {
    const { spans, issues } = decoded(fixture('trace-capture-export.json'));
    expect(issues).toEqual([]);
    const context = {
      tabId: 7,
      pageUrl: 'https://app.example.com/users/8123?tab=orders&token=REDACTED',
    };
    const back = (s: RecordedSpan, pageViewId: string): RecordedSpan => ({
      ...s,
      context: { ...context, pageViewId },
      exported: 1,
    });
    // The page-view span names its page view (browser.page_view.id); the request does not, so it
    // is filed under the import's.
    expect(spans).toEqual([back(PAGE_VIEW, '00f067aa0ba902b7'), back(REQUEST, 'import-1')]);
  });

  test('any span we record survives encode and decode with its times exact', () => {
    const time = fc.double({ min: 1.2e12, max: 1.8e13, noNaN: true });
    fc.assert(
      fc.property(
        time,
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.string(),
        (start, duration, name) => {
          const span: RecordedSpan = {
            ...REQUEST,
            name,
            startTime: start,
            endTime: start + duration,
            events: [{ name: 'fetchStart', time: start }],
          };
          const [back] = decoded(otlpJsonText([span], META)).spans;
          expect(back?.startTime).toBe(span.startTime);
          expect(back?.endTime).toBe(span.endTime);
          expect(back?.events).toEqual(span.events);
          expect(back?.name).toBe(name.slice(0, 1024));
        },
      ),
    );
  });
});

describe('decodeOtlpJson: other producers', () => {
  test('the official example: uppercase ids are read, its SERVER span is refused with the path', () => {
    const result = decoded(fixture('opentelemetry-proto-example-trace.json'));
    expect(result.spans).toEqual([]);
    expect(result.issues).toEqual([
      {
        path: `${SPAN}.kind`,
        message: '2: only INTERNAL and CLIENT spans can be stored; the span is not imported',
      },
    ]);
    const asClient = fixture('opentelemetry-proto-example-trace.json').replace(
      '"kind": 2',
      '"kind": 3',
    );
    expect(decoded(asClient).spans[0]).toMatchObject({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      parentSpanId: 'eee19b7ec3c1b173',
      kind: 3,
      startTime: 1544712660000,
      endTime: 1544712661000,
      attributes: { 'my.span.attr': 'some value' },
      context: { pageViewId: 'import-1' },
    });
  });

  test('JSON Lines (the Collector file exporter), arrays of requests, enum names, old names', () => {
    const one = otlpJsonText([PAGE_VIEW], META);
    const two = otlpJsonText([REQUEST], META);
    expect(decoded(`${one}\n\n${two}\n`).spans).toHaveLength(2);
    expect(decoded(`[${one},${two}]`).spans).toHaveLength(2);
    const named = withSpan({
      kind: 'SPAN_KIND_CLIENT',
      status: { code: 'STATUS_CODE_ERROR', message: 'boom' },
    });
    expect(decoded(named).spans[0]).toMatchObject({
      kind: 3,
      status: { code: 2, message: 'boom' },
    });
    const old = one.replace('"scopeSpans"', '"instrumentationLibrarySpans"');
    expect(decoded(old).spans).toHaveLength(1);
  });

  test('proto3 JSON defaults may be left out: kind UNSPECIFIED reads as INTERNAL, no status UNSET', () => {
    const {
      kind: _k,
      status: _s,
      attributes: _a,
      events: _e,
      name: _n,
      ...bare
    } = encodeOtlpJson([REQUEST], META).resourceSpans[0]?.scopeSpans[0]?.spans[0] ?? {};
    const text = JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [bare] }] }] });
    expect(decoded(text)).toMatchObject({
      issues: [],
      spans: [{ kind: 1, status: { code: 0 }, name: '', attributes: {}, events: [] }],
    });
  });

  test('invariant 7 on import: URLs redacted, credential headers dropped with a reason', () => {
    const text = withSpan({
      attributes: [
        {
          key: 'url.full',
          value: { stringValue: 'https://api.example.com/x?access_token=abc&q=1' },
        },
        {
          key: 'http.request.header.authorization',
          value: { arrayValue: { values: [{ stringValue: 'Bearer abc' }] } },
        },
        { key: 'http.response.header.set-cookie', value: { stringValue: 'sid=1' } },
      ],
    });
    const result = decoded(text);
    expect(result.spans[0]?.attributes).toEqual({
      'url.full': 'https://api.example.com/x?access_token=REDACTED&q=1',
    });
    expect(result.issues.map((i) => i.path)).toEqual([
      `${SPAN}.attributes[1]`,
      `${SPAN}.attributes[2]`,
    ]);
    expect(result.issues[0]?.message).toMatch(/credentials are never stored/);
  });
});

describe('decodeOtlpJson: broken files', () => {
  test.each([
    ['', 'the file is empty'],
    ['  \n ', 'the file is empty'],
    ['{"resourceSpans": [', /^not JSON: /],
    ['{"a":1}\n{"b":', /^not JSON or JSON Lines: line 2: /],
    ['{"spans": []}', 'not OTLP JSON: no resourceSpans'],
    ['42', 'not OTLP JSON: no resourceSpans'],
    ['{"data": [{"traceID": "x", "spans": []}]}', /looks like Jaeger JSON/],
  ])('%j: one clear error', (text, error) => {
    const result = decodeOtlpJson(text, CTX);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });

  test('an array item that is not a request is reported by its index', () => {
    expect(decoded('[{"resourceSpans": []}, 5]').issues).toEqual([
      { path: '[1].resourceSpans', message: 'is not an array' },
    ]);
  });

  test.each([
    [{ traceId: 'xyz' }, `${SPAN}.traceId`, /32 hex digits.*not imported/],
    [{ traceId: '00000000000000000000000000000000' }, `${SPAN}.traceId`, /not all 0/],
    [{ spanId: 'b7ad6b716920333' }, `${SPAN}.spanId`, /16 hex digits/],
    [{ kind: 5 }, `${SPAN}.kind`, /^5: only INTERNAL and CLIENT/],
    [{ kind: 'CLIENT' }, `${SPAN}.kind`, /^"CLIENT": only/],
    [{ startTimeUnixNano: '12.5' }, `${SPAN}.startTimeUnixNano`, /not a time/],
    [{ startTimeUnixNano: '0' }, `${SPAN}.startTimeUnixNano`, /not a time/],
  ])('a span that cannot be stored is dropped, naming the path: %j', (patch, path, message) => {
    const result = decoded(withSpan(patch));
    expect(result.spans).toEqual([]);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]?.path).toBe(path);
    expect(result.issues[0]?.message).toMatch(message);
  });

  test.each([
    [{ endTimeUnixNano: '1' }, `${SPAN}.endTimeUnixNano`, { endTime: REQUEST.startTime }],
    [{ parentSpanId: 'zz' }, `${SPAN}.parentSpanId`, { parentSpanId: undefined }],
    [{ name: 5 }, `${SPAN}.name`, { name: '' }],
    [{ attributes: {} }, `${SPAN}.attributes`, { attributes: {} }],
    [
      {
        attributes: [
          { key: 'a', value: { kvlistValue: {} } },
          { key: 'b', value: { intValue: '7' } },
        ],
      },
      `${SPAN}.attributes[0].value`,
      { attributes: { b: 7 } },
    ],
    [{ events: [{ name: 'x' }] }, `${SPAN}.events[0]`, { events: [] }],
  ])('a part that cannot be read is dropped, the span kept: %j', (patch, path, expected) => {
    const result = decoded(withSpan(patch));
    expect(result.spans).toHaveLength(1);
    expect(result.issues.map((i) => i.path)).toEqual([path]);
    expect(result.spans[0]).toMatchObject(
      Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined)),
    );
    if ('parentSpanId' in expected) expect(result.spans[0]).not.toHaveProperty('parentSpanId');
  });

  test('an attribute keyed "__proto__" is reported, not made the prototype (found by fuzzing)', () => {
    const attributes = [
      { key: '__proto__', value: { arrayValue: { values: [{ stringValue: 'x' }] } } },
      { key: 'b', value: { intValue: '7' } },
    ];
    const result = decoded(withSpan({ attributes }));
    expect(result.issues).toEqual([
      { path: `${SPAN}.attributes[0]`, message: '"__proto__" cannot be an attribute key' },
    ]);
    const kept = result.spans[0]?.attributes ?? null;
    expect(kept !== null && Object.getPrototypeOf(kept)).toBe(Object.prototype);
    expect(kept).toEqual({ b: 7 });
  });

  test(`issues beyond ${MAX_LISTED_ISSUES} are counted, not listed`, () => {
    const bad = Array.from({ length: MAX_LISTED_ISSUES + 5 }, () => ({ traceId: 'x' }));
    const result = decoded(JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: bad }] }] }));
    expect(result.issues).toHaveLength(MAX_LISTED_ISSUES);
    expect(result.moreIssues).toBe(5);
  });

  test('never throws, whatever the text or the JSON', () => {
    const spanLike = fc.dictionary(
      fc.constantFrom(
        'traceId',
        'spanId',
        'parentSpanId',
        'name',
        'kind',
        'startTimeUnixNano',
        'endTimeUnixNano',
        'attributes',
        'events',
        'status',
      ),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc
            .array(spanLike)
            .map((spans) => JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] })),
        ),
        (text) => {
          const result = decodeOtlpJson(text, CTX);
          expect(typeof result.ok).toBe('boolean');
        },
      ),
    );
  });
});

describe('decodeAnyValue', () => {
  test.each([
    [{ stringValue: 'x' }, 'x'],
    [{ boolValue: false }, false],
    [{ intValue: '-12' }, -12],
    [{ intValue: 12 }, 12],
    [{ doubleValue: 1.5 }, 1.5],
    [
      { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }, { boolValue: true }] } },
      ['a', '1', 'true'],
    ],
    [{ arrayValue: {} }, []],
  ])('%j', (raw, value) => {
    expect(decodeAnyValue(raw)).toEqual({ ok: true, value });
  });

  test.each([
    [null, /not an AnyValue/],
    [{}, /no stringValue/],
    [{ stringValue: 1 }, /not a string/],
    [{ intValue: '1.5' }, /not an int64/],
    [{ doubleValue: 'NaN' }, /not a finite number/],
    [{ bytesValue: 'AA==' }, /not supported/],
    [{ arrayValue: { values: [{ arrayValue: {} }] } }, /nested arrays/],
    [{ arrayValue: { values: 3 } }, /not an array/],
  ])('refuses %j', (raw, error) => {
    const result = decodeAnyValue(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });
});
