/**
 * The critical path of a trace: the parts of spans that the trace's end waited on. Jaeger UI's
 * algorithm (packages/jaeger-ui/src/components/TracePage/CriticalPath, Apache-2.0), iterative here
 * so a deep tree cannot overflow the stack:
 *
 * 1. Children are first fitted into their parent: a child outside the parent's time range is
 *    dropped with its subtree, one that sticks out is cut to the parent's range.
 * 2. From the end of each root, walk back: the span's last-finishing child (LFC) is on the path
 *    from its end to the span's end (or to where the walk came back from); descend into it. A span
 *    with no child finishing before that point is on the path from its own start; the walk then
 *    returns to its parent at that start and picks the child that finished last before it.
 *
 * Sections of zero length are left out, as Jaeger does.
 */
import type { SpanNode, SpanTree, TreeSpan } from './span-tree';

export interface CriticalSection {
  readonly key: string;
  /** Epoch milliseconds. */
  readonly start: number;
  readonly end: number;
}

interface CpNode {
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly parent: CpNode | null;
  readonly children: CpNode[];
}

/** A child fitted into its parent's range, or null when it lies outside it (Jaeger step 1). */
function fitted(start: number, end: number, parent: CpNode): [number, number] | null {
  if (start >= parent.end || end <= parent.start) return null;
  return [Math.max(start, parent.start), Math.min(end, parent.end)];
}

function cpTree<S extends TreeSpan>(root: SpanNode<S>): CpNode {
  const top: CpNode = {
    key: root.key,
    start: root.span.startTime,
    end: Math.max(root.span.endTime, root.span.startTime),
    parent: null,
    children: [],
  };
  const stack: [SpanNode<S>, CpNode][] = [[root, top]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [node, cp] = item;
    for (const child of node.children) {
      const range = fitted(
        child.span.startTime,
        Math.max(child.span.endTime, child.span.startTime),
        cp,
      );
      if (range === null) continue;
      const next: CpNode = {
        key: child.key,
        start: range[0],
        end: range[1],
        parent: cp,
        children: [],
      };
      cp.children.push(next);
      stack.push([child, next]);
    }
  }
  return top;
}

/** The child finishing last (the first of equals), before `before` when given. */
function lastFinishingChild(node: CpNode, before: number | undefined): CpNode | undefined {
  let best: CpNode | undefined;
  let bestEnd = -Infinity;
  for (const child of node.children) {
    if (before !== undefined && !(child.end < before)) continue;
    if (child.end > bestEnd) {
      best = child;
      bestEnd = child.end;
    }
  }
  return best;
}

function walk(root: CpNode, nodeCount: number, out: CriticalSection[]): void {
  const push = (key: string, start: number, end: number) => {
    if (start !== end) out.push({ key, start, end });
  };
  let current = root;
  let returning: number | undefined;
  // Each node is entered once and left once; the bound only guards against a bug looping.
  for (let steps = 0; steps <= 2 * nodeCount + 2; steps++) {
    const until = returning ?? current.end;
    const lfc = lastFinishingChild(current, returning);
    if (lfc !== undefined) {
      push(current.key, lfc.end, until);
      current = lfc;
      returning = undefined;
      continue;
    }
    push(current.key, current.start, until);
    if (current.parent === null) return;
    returning = current.start;
    current = current.parent;
  }
}

/** The sections of every root's critical path, each root's from its end backwards. */
export function criticalPath<S extends TreeSpan>(tree: SpanTree<S>): CriticalSection[] {
  const out: CriticalSection[] = [];
  for (const root of tree.roots) walk(cpTree(root), tree.spanCount, out);
  return out;
}

/** The keys of spans with some time on the critical path. */
export function criticalKeys(sections: readonly CriticalSection[]): Set<string> {
  return new Set(sections.map((s) => s.key));
}
