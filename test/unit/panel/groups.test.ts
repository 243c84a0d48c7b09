import { describe, expect, test } from 'vitest';
import {
  groupByPageView,
  shownPageViews,
  shownRows,
} from '../../../src/devtools/panel/model/page-view-groups';
import { groupByTrace } from '../../../src/devtools/panel/model/trace-groups';
import { row, sid, T0, TRACE_A, TRACE_B } from './builders';

describe('groupByTrace', () => {
  const rows = [
    row({ traceId: TRACE_B, spanId: sid(5), startTime: T0 + 50, duration: 5 }),
    row({
      traceId: TRACE_A,
      spanId: sid(2),
      parentSpanId: sid(1),
      startTime: T0 + 10,
      duration: 100,
      status: 2,
    }),
    row({
      traceId: TRACE_A,
      spanId: sid(1),
      startTime: T0,
      duration: 20,
      name: 'page_view /shop',
      kind: 1,
    }),
    row({
      traceId: TRACE_A,
      spanId: sid(3),
      parentSpanId: sid(2),
      startTime: T0 + 20,
      duration: 5,
      status: 2,
    }),
  ];

  test('one group per trace, by start; extent, errors and the root', () => {
    const groups = groupByTrace(rows);
    expect(groups.map((g) => g.traceId)).toEqual([TRACE_A, TRACE_B]);
    const [a, b] = groups;
    expect(a?.rows.map((r) => r.spanId)).toEqual([sid(1), sid(2), sid(3)]);
    expect(a).toMatchObject({ startTime: T0, endTime: T0 + 110, duration: 110, errorCount: 2 });
    expect(a?.root.spanId).toBe(sid(1));
    expect(b).toMatchObject({ duration: 5, errorCount: 0 });
  });

  test('without its root recorded, the earliest span whose parent is missing names the trace', () => {
    const [a] = groupByTrace(rows.filter((r) => r.spanId !== sid(1)));
    expect(a?.root.spanId).toBe(sid(2));
  });

  test('a trace whose every span has a parent in it (a cycle) still has a root: the earliest', () => {
    const cyclic = [
      row({ spanId: sid(1), parentSpanId: sid(2), startTime: T0 + 1 }),
      row({ spanId: sid(2), parentSpanId: sid(1), startTime: T0 }),
    ];
    expect(groupByTrace(cyclic)[0]?.root.spanId).toBe(sid(2));
  });
});

describe('page views and preserve log', () => {
  const rows = [
    row({ spanId: sid(1), tabId: 7, pageViewId: 'pv-1', startTime: T0 }),
    row({ spanId: sid(2), tabId: 7, pageViewId: 'pv-1', startTime: T0 + 5, status: 2 }),
    row({
      spanId: sid(3),
      tabId: 7,
      pageViewId: 'pv-2',
      startTime: T0 + 1000,
      kind: 1,
      name: 'page_view /b',
    }),
    // A slow request of the old page finishing after the navigation still belongs to pv-1.
    row({ spanId: sid(4), tabId: 7, pageViewId: 'pv-1', startTime: T0 + 900, duration: 500 }),
    row({ spanId: sid(5), tabId: 7, pageViewId: 'pv-2', startTime: T0 + 1001 }),
    row({ spanId: sid(6), tabId: 9, pageViewId: 'pv-9', startTime: T0 + 5000 }),
  ];

  test('groups by tab and page view, oldest first, with the page-view span', () => {
    const groups = groupByPageView(rows, 7);
    expect(groups.map((g) => g.pageViewId)).toEqual(['pv-1', 'pv-2']);
    expect(groups[0]).toMatchObject({ startTime: T0, endTime: T0 + 1400, errorCount: 1 });
    expect(groups[0]?.pageViewSpan).toBeUndefined();
    expect(groups[1]?.pageViewSpan?.spanId).toBe(sid(3));
  });

  test('without preserve log: only the newest page view of the inspected tab', () => {
    expect(shownRows(rows, { inspectedTabId: 7, preserveLog: false }).map((r) => r.spanId)).toEqual(
      [sid(3), sid(5)],
    );
  });

  test('with preserve log: every page view of the tab accumulates', () => {
    expect(shownRows(rows, { inspectedTabId: 7, preserveLog: true }).map((r) => r.spanId)).toEqual([
      sid(1),
      sid(2),
      sid(4),
      sid(3),
      sid(5),
    ]);
  });

  test('no inspected tab: every tab; no rows: nothing', () => {
    expect(shownPageViews(rows, { preserveLog: true })).toHaveLength(3);
    expect(shownPageViews(rows, { preserveLog: false }).map((g) => g.tabId)).toEqual([9]);
    expect(shownPageViews([], { preserveLog: false })).toEqual([]);
  });

  test('the same page view id in two tabs is two page views', () => {
    const twoTabs = [row({ tabId: 1, pageViewId: 'x' }), row({ tabId: 2, pageViewId: 'x' })];
    expect(groupByPageView(twoTabs)).toHaveLength(2);
  });
});
