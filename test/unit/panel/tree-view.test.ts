import { describe, expect, test } from 'vitest';
import { buildSpanTree, type TreeSpan } from '../../../src/devtools/panel/model/span-tree';
import {
  collapseAll,
  EXPAND_ALL,
  flattenTree,
  revealNode,
  toggleNode,
  visibleWithAncestors,
} from '../../../src/devtools/panel/model/tree-view';
import { sid, TRACE_A } from './builders';

function ts(id: number, parent: number | null, start: number): TreeSpan & { name: string } {
  return {
    traceId: TRACE_A,
    spanId: sid(id),
    ...(parent === null ? {} : { parentSpanId: sid(parent) }),
    startTime: start,
    endTime: start + 1,
    name: `op${id}`,
  };
}

// 1 ─┬─ 2 ── 4
//    └─ 3
// 5
const tree = buildSpanTree([ts(1, null, 0), ts(2, 1, 1), ts(3, 1, 2), ts(4, 2, 3), ts(5, null, 4)]);
const key = (n: number) => `${TRACE_A}/${sid(n)}`;
const ids = (rows: ReturnType<typeof flattenTree>) =>
  rows.map((r) => parseInt(r.node.span.spanId, 16));

describe('expand and collapse', () => {
  test('everything starts expanded', () => {
    const rows = flattenTree(tree, EXPAND_ALL);
    expect(ids(rows)).toEqual([1, 2, 4, 3, 5]);
    expect(rows.map((r) => [r.depth, r.hasChildren, r.expanded])).toEqual([
      [0, true, true],
      [1, true, true],
      [2, false, true],
      [1, false, true],
      [0, false, true],
    ]);
  });

  test('collapse all shows the roots; toggling opens one level', () => {
    const none = collapseAll(tree);
    expect(ids(flattenTree(tree, none))).toEqual([1, 5]);
    const one = toggleNode(none, key(1));
    expect(ids(flattenTree(tree, one))).toEqual([1, 2, 3, 5]);
    expect(ids(flattenTree(tree, toggleNode(one, key(1))))).toEqual([1, 5]);
    expect(none.has(key(1))).toBe(true);
  });

  test('revealNode opens every ancestor of a node', () => {
    const shown = revealNode(collapseAll(tree), tree, key(4));
    expect(ids(flattenTree(tree, shown))).toEqual([1, 2, 4, 3, 5]);
  });
});

describe('filtering the tree', () => {
  test('ancestors of a match stay visible, marked as not matching', () => {
    const filter = visibleWithAncestors(tree, (n) => (n.span as { name: string }).name === 'op4');
    expect([...filter.matched]).toEqual([key(4)]);
    const rows = flattenTree(tree, EXPAND_ALL, filter);
    expect(ids(rows)).toEqual([1, 2, 4]);
    expect(rows.map((r) => r.matches)).toEqual([false, false, true]);
    expect(rows[0]?.hasChildren).toBe(true);
  });

  test('a collapsed ancestor hides the match but can still be opened', () => {
    const filter = visibleWithAncestors(tree, (n) => n.key === key(4));
    const rows = flattenTree(tree, toggleNode(EXPAND_ALL, key(2)), filter);
    expect(ids(rows)).toEqual([1, 2]);
    expect(rows[1]).toMatchObject({ hasChildren: true, expanded: false });
  });

  test('no match: nothing visible', () => {
    expect(
      flattenTree(
        tree,
        EXPAND_ALL,
        visibleWithAncestors(tree, () => false),
      ),
    ).toEqual([]);
  });
});
