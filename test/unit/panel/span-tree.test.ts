import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { RecordedSpan } from '../../../src/core/span/model';
import {
  buildSpanTree,
  spanKey,
  walkTree,
  type SpanNode,
  type TreeSpan,
} from '../../../src/devtools/panel/model/span-tree';
import {
  pageViewAdoptions,
  preflightAdoptions,
  treeAdoptions,
} from '../../../src/devtools/panel/model/tree-adoption';
import { sid, span, T0, TRACE_A, TRACE_B } from './builders';
import { fixtureSpans } from './fixture-spans';

function ts(
  id: number,
  parent: number | null,
  start: number,
  end: number,
  traceId = TRACE_A,
): TreeSpan {
  return {
    traceId,
    spanId: sid(id),
    ...(parent === null ? {} : { parentSpanId: sid(parent) }),
    startTime: start,
    endTime: end,
  };
}

function shape(nodes: readonly SpanNode[]): unknown[] {
  return nodes.map((n) => {
    const id = parseInt(n.span.spanId, 16);
    return n.children.length === 0 ? id : [id, shape(n.children)];
  });
}

describe('buildSpanTree', () => {
  test('parents and children by id; children in start order; depth; extent', () => {
    const tree = buildSpanTree([
      ts(3, 1, 30, 40),
      ts(1, null, 0, 100),
      ts(2, 1, 10, 20),
      ts(4, 2, 12, 15),
    ]);
    expect(shape(tree.roots)).toEqual([[1, [[2, [4]], 3]]]);
    expect(walkTree(tree).map((n) => [parseInt(n.span.spanId, 16), n.depth])).toEqual([
      [1, 0],
      [2, 1],
      [4, 2],
      [3, 1],
    ]);
    expect(tree).toMatchObject({
      spanCount: 4,
      startTime: 0,
      endTime: 100,
      duration: 100,
      duplicates: 0,
    });
  });

  test('a span whose parent is missing is a root marked orphan', () => {
    const tree = buildSpanTree([ts(1, null, 0, 10), ts(2, 9, 5, 6)]);
    expect(shape(tree.roots)).toEqual([1, 2]);
    expect(tree.nodes.get(`${TRACE_A}/${sid(2)}`)?.orphan).toBe(true);
    expect(tree.nodes.get(`${TRACE_A}/${sid(1)}`)?.orphan).toBe(false);
  });

  test('parent ids only link within a trace', () => {
    const tree = buildSpanTree([ts(1, null, 0, 10), ts(2, 1, 1, 2, TRACE_B)]);
    expect(tree.roots).toHaveLength(2);
    expect(tree.roots[1]?.orphan).toBe(true);
  });

  test('cycles are cut, the closing span becomes a root marked cycle', () => {
    const self = buildSpanTree([ts(1, 1, 0, 1)]);
    expect(self.roots[0]?.cycle).toBe(true);
    const loop = buildSpanTree([ts(1, 3, 0, 10), ts(2, 1, 1, 9), ts(3, 2, 2, 8), ts(4, 3, 3, 4)]);
    expect(loop.roots).toHaveLength(1);
    expect(walkTree(loop)).toHaveLength(4);
    expect([...loop.nodes.values()].filter((n) => n.cycle)).toHaveLength(1);
  });

  test('a duplicate key keeps the first span', () => {
    const first = ts(1, null, 0, 10);
    const tree = buildSpanTree([first, ts(1, null, 5, 6)]);
    expect(tree).toMatchObject({ spanCount: 1, duplicates: 1 });
    expect(tree.roots[0]?.span).toBe(first);
  });

  test('no spans: an empty tree at 0', () => {
    expect(buildSpanTree([])).toMatchObject({
      roots: [],
      spanCount: 0,
      startTime: 0,
      endTime: 0,
      duration: 0,
    });
  });

  test('any parent links: every span appears exactly once, and no walk loops', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 1, max: 12 }),
            fc.option(fc.integer({ min: 1, max: 14 })),
            fc.integer({ min: 0, max: 50 }),
          ),
          { maxLength: 30 },
        ),
        (specs) => {
          const spans = specs.map(([id, parent, start]) => ts(id, parent, start, start + 5));
          const tree = buildSpanTree(spans);
          const walked = walkTree(tree);
          expect(walked).toHaveLength(tree.spanCount);
          expect(new Set(walked.map((n) => n.key)).size).toBe(tree.spanCount);
          expect(tree.spanCount + tree.duplicates).toBe(spans.length);
          for (const node of walked) {
            expect(node.depth).toBe(node.parent === null ? 0 : node.parent.depth + 1);
            for (let i = 1; i < node.children.length; i++) {
              expect(node.children[i]?.span.startTime).toBeGreaterThanOrEqual(
                node.children[i - 1]?.span.startTime ?? 0,
              );
            }
          }
        },
      ),
    );
  });
});

describe('adoptions', () => {
  const pageView = span({
    spanId: sid(1),
    kind: 1,
    name: 'page_view /shop',
    start: 0,
    duration: 500,
  });
  const networkMode = span({ spanId: sid(2), parentSpanId: sid(1), start: 10 });
  const pageMode = span({ traceId: TRACE_B, spanId: sid(3), start: 20 });
  const pageSdk = span({ traceId: TRACE_B, spanId: sid(4), parentSpanId: sid(99), start: 30 });
  const otherView = span({ traceId: TRACE_B, spanId: sid(5), start: 40, pageViewId: 'pv-2' });

  test('the page-view span is the root of its page view: own-context requests are adopted', () => {
    const spans = [pageView, networkMode, pageMode, pageSdk, otherView];
    const tree = buildSpanTree(spans, pageViewAdoptions(spans));
    expect(shape(tree.roots)).toEqual([[1, [2, 3, 4]], 5]);
    const byId = (n: number, t = TRACE_B) => tree.nodes.get(`${t}/${sid(n)}`);
    expect(byId(2, TRACE_A)?.adopted).toBeUndefined();
    expect(byId(3)?.adopted).toBe('page-view');
    expect(byId(4)).toMatchObject({ adopted: 'page-view', orphan: true });
  });

  test('an adoption that would close a cycle is not made', () => {
    const a = { ...ts(1, null, 0, 10) };
    const b = ts(2, 1, 1, 2);
    const tree = buildSpanTree(
      [a, b],
      new Map([[spanKey(a), { parentKey: spanKey(b), reason: 'page-view' as const }]]),
    );
    expect(shape(tree.roots)).toEqual([[1, [2]]]);
  });

  test('a recorded preflight goes under its request, inside the page view', () => {
    const recorded = fixtureSpans('cors-preflight');
    const [options, get] = recorded as [RecordedSpan, RecordedSpan];
    const view = span({
      traceId: TRACE_A,
      spanId: sid(1),
      kind: 1,
      name: 'page_view /page',
      start: options.startTime - T0 - 100,
      tabId: options.context.tabId,
      pageViewId: options.context.pageViewId,
    });
    const spans = [view, ...recorded];
    expect(preflightAdoptions(spans).get(spanKey(options))).toEqual({
      parentKey: spanKey(get),
      reason: 'preflight',
    });
    const tree = buildSpanTree(spans, treeAdoptions(spans));
    expect(tree.roots).toHaveLength(1);
    const getNode = tree.nodes.get(spanKey(get));
    expect(getNode?.parent?.key).toBe(spanKey(view));
    expect(getNode?.children.map((c) => c.key)).toEqual([spanKey(options)]);
    expect(getNode?.children[0]?.adopted).toBe('preflight');
  });
});
