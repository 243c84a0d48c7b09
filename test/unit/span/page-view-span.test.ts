import { describe, expect, test } from 'vitest';
import { formatTraceparent } from '../../../src/core/propagation/index';
import {
  DEFAULT_SENSITIVE_PARAMS,
  harEntryToSpan,
  mergePageViewSpan,
  pageViewSpan,
  REDACTED,
  SPAN_KIND_INTERNAL,
  STATUS_UNSET,
  type RecordedSpan,
} from '../../../src/core/span/index';
import { harEntry, mapContext, PAGE_VIEW, STARTED_MS } from './har-entries';

const CTX = { tabId: 7, pageViewId: PAGE_VIEW.spanId, sensitiveParams: DEFAULT_SENSITIVE_PARAMS };

/** A network-mode request of the page view, `offset` ms after STARTED_MS, lasting `time` ms. */
function child(offset: number, time: number): RecordedSpan {
  const entry = harEntry({
    headers: [{ name: 'traceparent', value: formatTraceparent(PAGE_VIEW) }],
    time,
    timings: { blocked: 0, dns: -1, connect: -1, ssl: -1, send: 0, wait: time, receive: 0 },
  });
  entry['startedDateTime'] = new Date(STARTED_MS + offset).toJSON();
  const result = harEntryToSpan(entry, mapContext({ pageView: PAGE_VIEW }));
  if (result.kind !== 'span' || result.source !== 'page-view') throw new Error('not a child');
  return result.span;
}

describe('pageViewSpan', () => {
  test('exactly the page view ids, INTERNAL, low-cardinality name, redacted URL', () => {
    const span = pageViewSpan(PAGE_VIEW, 'https://app.example.com/users/8123?token=t0k#x', [], CTX);
    expect(span.traceId).toBe(PAGE_VIEW.traceId);
    expect(span.spanId).toBe(PAGE_VIEW.spanId);
    expect(span.parentSpanId).toBeUndefined();
    expect(span.kind).toBe(SPAN_KIND_INTERNAL);
    expect(span.name).toBe('page_view /users/{id}');
    expect(span.status).toEqual({ code: STATUS_UNSET });
    expect(span.events).toEqual([]);
    expect(span.exported).toBe(0);
    expect(span.attributes).toEqual({
      'url.full': `https://app.example.com/users/8123?token=${REDACTED}#x`,
      'url.scheme': 'https',
      'url.template': '/users/{id}',
      'browser.page_view.id': PAGE_VIEW.spanId,
    });
    expect(span.context).toEqual({
      tabId: 7,
      pageViewId: PAGE_VIEW.spanId,
      pageUrl: `https://app.example.com/users/8123?token=${REDACTED}#x`,
    });
  });

  test('with no requests: starts and ends at the page view start', () => {
    const span = pageViewSpan(PAGE_VIEW, '', [], CTX);
    expect(span.startTime).toBe(PAGE_VIEW.startedAt);
    expect(span.endTime).toBe(PAGE_VIEW.startedAt);
    // an empty page URL falls back to where the page view started
    expect(span.attributes['url.full']).toBe(PAGE_VIEW.url);
  });

  test('covers its children, and only its children', () => {
    const early = child(-2000, 10);
    const late = child(3000, 250);
    const stranger: RecordedSpan = {
      ...late,
      parentSpanId: 'aaaaaaaaaaaaaaaa',
      endTime: late.endTime + 1e6,
    };
    const span = pageViewSpan(PAGE_VIEW, PAGE_VIEW.url, [late, stranger, early], CTX);
    expect(span.startTime).toBe(early.startTime);
    expect(span.endTime).toBe(late.endTime);
  });

  test('a request after the start widens only the end', () => {
    const later = child(100, 50);
    const span = pageViewSpan(PAGE_VIEW, PAGE_VIEW.url, [later], CTX);
    expect(span.startTime).toBe(PAGE_VIEW.startedAt);
    expect(span.endTime).toBe(later.endTime);
  });

  test('junk start times never produce end < start', () => {
    const span = pageViewSpan({ ...PAGE_VIEW, startedAt: NaN }, PAGE_VIEW.url, [], CTX);
    expect(span.startTime).toBe(0);
    expect(span.endTime).toBeGreaterThanOrEqual(span.startTime);
  });
});

describe('mergePageViewSpan', () => {
  const first = pageViewSpan(PAGE_VIEW, PAGE_VIEW.url, [child(0, 10)], CTX);

  test('nothing stored yet: the new span', () => {
    expect(mergePageViewSpan(undefined, first)).toBe(first);
  });

  test('widens start and end, keeps the first identity, and marks it for export again', () => {
    const next = pageViewSpan(
      PAGE_VIEW,
      'https://app.example.com/other',
      [child(-5000, 1), child(9000, 20)],
      CTX,
    );
    const merged = mergePageViewSpan({ ...first, exported: 1 }, next);
    expect(merged.startTime).toBe(next.startTime);
    expect(merged.endTime).toBe(next.endTime);
    expect(merged.name).toBe(first.name);
    expect(merged.attributes).toEqual(first.attributes);
    expect(merged.exported).toBe(0);
  });

  test('nothing to widen: the stored span itself, so the write can be skipped', () => {
    const stored = { ...first, exported: 1 as const };
    const inside = pageViewSpan(PAGE_VIEW, PAGE_VIEW.url, [], CTX);
    expect(mergePageViewSpan(stored, inside)).toBe(stored);
  });

  test('another page view replaces it', () => {
    const other = { ...first, spanId: 'bbbbbbbbbbbbbbbb' };
    expect(mergePageViewSpan(first, other)).toBe(other);
  });
});
