import { describe, expect, test } from 'vitest';
import { formatTraceparent, TRACE_FLAG_RANDOM } from '../../../src/core/propagation/index';
import {
  harEntryToSpan,
  isExtensionContext,
  type MapContext,
  type MapResult,
} from '../../../src/core/span/index';
import { harEntry, mapContext, PAGE_VIEW, traceparent, type Header } from './har-entries';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const PARENT = 'b7ad6b7169203331';

function mapWith(headers: readonly Header[], ctx: Partial<MapContext> = {}) {
  const result: MapResult = harEntryToSpan(harEntry({ headers }), mapContext(ctx));
  if (result.kind !== 'span') throw new Error(JSON.stringify(result));
  const { span, source } = result;
  return {
    source,
    ids: { traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId },
    attribute: span.attributes['browser.trace.context_source'],
    format: span.attributes['browser.trace.context_format'],
    header: span.attributes['http.request.header.traceparent'],
  };
}

describe('correlation', () => {
  test("the extension's per-request context (random flag): the span is the header's parent-id", () => {
    for (const flags of ['02', '03']) {
      const tp = traceparent(TRACE, PARENT, flags);
      const got = mapWith([tp]);
      expect(got.source).toBe('extension');
      expect(got.attribute).toBe('extension');
      expect(got.format).toBe('traceparent');
      expect(got.ids).toEqual({ traceId: TRACE, spanId: PARENT, parentSpanId: undefined });
      expect(got.header).toEqual([tp.value]);
    }
  });

  test("the page SDK's context (no random flag): a new span, child of the header's span", () => {
    for (const flags of ['00', '01']) {
      const got = mapWith([traceparent(TRACE, PARENT, flags)]);
      expect(got.source).toBe('page');
      expect(got.attribute).toBe('page');
      expect(got.ids.traceId).toBe(TRACE);
      expect(got.ids.parentSpanId).toBe(PARENT);
      expect(got.ids.spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(got.ids.spanId).not.toBe(PARENT);
    }
  });

  test("network mode: the page view's context makes a child of the page-view span", () => {
    const header = {
      name: 'traceparent',
      value: formatTraceparent(PAGE_VIEW),
    };
    const got = mapWith([header], { pageView: PAGE_VIEW });
    expect(got.source).toBe('page-view');
    expect(got.attribute).toBe('page-view');
    expect(got.ids.traceId).toBe(PAGE_VIEW.traceId);
    expect(got.ids.parentSpanId).toBe(PAGE_VIEW.spanId);
    expect(got.ids.spanId).not.toBe(PAGE_VIEW.spanId);
  });

  test('the page view matches by trace id and span id, in any format', () => {
    const b3 = { name: 'b3', value: `${PAGE_VIEW.traceId}-${PAGE_VIEW.spanId}-1` };
    expect(mapWith([b3], { pageView: PAGE_VIEW }).source).toBe('page-view');
    const otherSpan = traceparent(PAGE_VIEW.traceId, PARENT, '03');
    expect(mapWith([otherSpan], { pageView: PAGE_VIEW }).source).toBe('extension');
  });

  test('a page view with invalid ids is ignored rather than copied', () => {
    const broken = { ...PAGE_VIEW, spanId: '0000000000000000' };
    const header = traceparent(PAGE_VIEW.traceId, '0000000000000000', '03');
    expect(mapWith([header], { pageView: broken }).source).toBe('none');
  });

  test('no context: a new trace, no parent', () => {
    const got = mapWith([{ name: 'Accept', value: '*/*' }]);
    expect(got.source).toBe('none');
    expect(got.attribute).toBe('none');
    expect(got.format).toBeUndefined();
    expect(got.ids.parentSpanId).toBeUndefined();
    expect(got.ids.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  test('header names are case-insensitive', () => {
    const got = mapWith([{ name: 'TraceParent', value: `00-${TRACE}-${PARENT}-03` }]);
    expect(got.source).toBe('extension');
    expect(got.header).toEqual([`00-${TRACE}-${PARENT}-03`]);
  });

  test('two traceparent headers mean restart (W3C): no context from them', () => {
    const got = mapWith([
      traceparent(TRACE, PARENT, '03'),
      traceparent(TRACE, 'aaaaaaaaaaaaaaaa', '03'),
    ]);
    expect(got.source).toBe('none');
  });

  test('an invalid traceparent falls through to B3, then Jaeger', () => {
    const bad = { name: 'traceparent', value: `00-${TRACE}-${PARENT}` };
    const b3 = { name: 'X-B3-TraceId', value: TRACE };
    const b3span = { name: 'X-B3-SpanId', value: PARENT };
    expect(mapWith([bad, b3, b3span]).format).toBe('b3');
    const jaeger = { name: 'uber-trace-id', value: `${TRACE}:${PARENT}:0:1` };
    expect(mapWith([bad, jaeger]).format).toBe('jaeger');
  });

  test("B3- or Jaeger-only contexts are the page's while the extension writes traceparent", () => {
    const b3 = { name: 'b3', value: `${TRACE}-${PARENT}-1` };
    const jaeger = { name: 'uber-trace-id', value: `${TRACE}:${PARENT}:0:1` };
    for (const header of [b3, jaeger]) {
      const page = mapWith([header]);
      expect(page.source).toBe('page');
      expect(page.ids.parentSpanId).toBe(PARENT);
      const ours = mapWith([header], { extensionWritesTraceparent: false });
      expect(ours.source).toBe('extension');
      expect(ours.ids).toEqual({ traceId: TRACE, spanId: PARENT, parentSpanId: undefined });
    }
  });

  test('isExtensionContext is the one place the heuristic lives', () => {
    const ctx = { traceId: TRACE, spanId: PARENT, traceFlags: TRACE_FLAG_RANDOM };
    expect(isExtensionContext(ctx, 'traceparent', true)).toBe(true);
    expect(isExtensionContext({ ...ctx, traceFlags: 1 }, 'traceparent', true)).toBe(false);
    expect(isExtensionContext({ ...ctx, traceFlags: 1 }, 'traceparent', false)).toBe(false);
    expect(isExtensionContext(ctx, 'b3', true)).toBe(false);
    expect(isExtensionContext(ctx, 'jaeger', false)).toBe(true);
  });
});
