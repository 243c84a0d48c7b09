/**
 * The trace view's tree, from full spans: parent and child by id, whatever the data holds. A span
 * whose parent is not among the spans (not recorded, not exported by the page, evicted) becomes a
 * root marked `orphan`; a cycle of parent links (only a broken import can make one) is cut, with
 * the span that closed it marked `cycle`, so no walk over the tree can loop. Children are in start
 * order. Roots may be adopted under another span (see tree-adoption.ts): the page-view span over
 * its page view's requests, a request over its CORS preflight.
 */

export interface TreeSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly startTime: number;
  readonly endTime: number;
}

export type AdoptionReason = 'page-view' | 'preflight';

export interface Adoption {
  readonly parentKey: string;
  readonly reason: AdoptionReason;
}

export interface SpanNode<S extends TreeSpan = TreeSpan> {
  /** `traceId/spanId`, as rowKey. */
  readonly key: string;
  readonly span: S;
  readonly parent: SpanNode<S> | null;
  readonly children: readonly SpanNode<S>[];
  /** 0 for a root. */
  readonly depth: number;
  /** It names a parent that is not among the spans. */
  readonly orphan: boolean;
  /** Its parent link was cut to break a cycle. */
  readonly cycle: boolean;
  /** Set when it was placed under `parent` by an adoption rather than by its parent id. */
  readonly adopted?: AdoptionReason;
}

export interface SpanTree<S extends TreeSpan = TreeSpan> {
  /** In start order. */
  readonly roots: readonly SpanNode<S>[];
  readonly nodes: ReadonlyMap<string, SpanNode<S>>;
  readonly spanCount: number;
  /** Spans whose key was already taken: the first one is kept. */
  readonly duplicates: number;
  /** Earliest start and latest end, epoch ms; both 0 for no spans. */
  readonly startTime: number;
  readonly endTime: number;
  readonly duration: number;
}

interface Node<S extends TreeSpan> {
  key: string;
  span: S;
  index: number;
  parent: Node<S> | null;
  children: Node<S>[];
  depth: number;
  orphan: boolean;
  cycle: boolean;
  adopted?: AdoptionReason;
}

export function spanKey(span: { readonly traceId: string; readonly spanId: string }): string {
  return `${span.traceId}/${span.spanId}`;
}

/** Cuts every cycle of parent links: one walk up per node, each node visited once overall. */
function breakCycles<S extends TreeSpan>(nodes: readonly Node<S>[]): void {
  const state = new Map<Node<S>, 1 | 2>();
  for (const start of nodes) {
    const path: Node<S>[] = [];
    let current: Node<S> | null = start;
    while (current !== null && state.get(current) === undefined) {
      state.set(current, 1);
      path.push(current);
      current = current.parent;
    }
    const last = path[path.length - 1];
    if (current !== null && state.get(current) === 1 && last !== undefined) {
      last.parent = null;
      last.cycle = true;
    }
    for (const node of path) state.set(node, 2);
  }
}

function isAncestorOrSelf<S extends TreeSpan>(ancestor: Node<S>, node: Node<S>): boolean {
  for (let current: Node<S> | null = node; current !== null; current = current.parent) {
    if (current === ancestor) return true;
  }
  return false;
}

function byStart<S extends TreeSpan>(a: Node<S>, b: Node<S>): number {
  return a.span.startTime - b.span.startTime || a.index - b.index;
}

export function buildSpanTree<S extends TreeSpan>(
  spans: readonly S[],
  adoptions: ReadonlyMap<string, Adoption> = new Map(),
): SpanTree<S> {
  const byKey = new Map<string, Node<S>>();
  const list: Node<S>[] = [];
  let duplicates = 0;
  for (const span of spans) {
    const key = spanKey(span);
    if (byKey.has(key)) {
      duplicates++;
      continue;
    }
    const node: Node<S> = {
      key,
      span,
      index: list.length,
      parent: null,
      children: [],
      depth: 0,
      orphan: false,
      cycle: false,
    };
    byKey.set(key, node);
    list.push(node);
  }
  for (const node of list) {
    const parentId = node.span.parentSpanId;
    if (parentId === undefined || parentId === '') continue;
    const parent = byKey.get(`${node.span.traceId}/${parentId}`);
    if (parent === undefined) node.orphan = true;
    else node.parent = parent;
  }
  breakCycles(list);
  for (const node of list) {
    const adoption = node.parent === null ? adoptions.get(node.key) : undefined;
    const parent = adoption === undefined ? undefined : byKey.get(adoption.parentKey);
    if (adoption === undefined || parent === undefined || isAncestorOrSelf(node, parent)) continue;
    node.parent = parent;
    node.adopted = adoption.reason;
  }

  const roots: Node<S>[] = [];
  for (const node of list) (node.parent === null ? roots : node.parent.children).push(node);
  roots.sort(byStart);
  let startTime = Infinity;
  let endTime = -Infinity;
  const stack: Node<S>[] = roots.slice().reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    node.children.sort(byStart);
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i] as Node<S>;
      child.depth = node.depth + 1;
      stack.push(child);
    }
    if (Number.isFinite(node.span.startTime)) startTime = Math.min(startTime, node.span.startTime);
    if (Number.isFinite(node.span.endTime)) endTime = Math.max(endTime, node.span.endTime);
  }
  if (startTime === Infinity) startTime = endTime = 0;
  endTime = Math.max(endTime, startTime);
  return {
    roots,
    nodes: byKey,
    spanCount: list.length,
    duplicates,
    startTime,
    endTime,
    duration: endTime - startTime,
  };
}

/** Every node in display order (depth first, children in start order). */
export function walkTree<S extends TreeSpan>(tree: SpanTree<S>): SpanNode<S>[] {
  const out: SpanNode<S>[] = [];
  const stack: SpanNode<S>[] = tree.roots.slice().reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as SpanNode<S>);
  }
  return out;
}
