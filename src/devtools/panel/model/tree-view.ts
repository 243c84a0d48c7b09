/**
 * What the trace view shows of a tree: which nodes are collapsed, and the visible rows in order.
 * The state is the set of collapsed keys (everything starts expanded, as in Jaeger), held by the
 * component and replaced, never mutated, so a render can compare it by identity.
 *
 * While a filter is active, a node stays visible when it matches or when one of its descendants
 * does: the matches keep their place in the tree, under ancestors shown for context.
 */
import type { SpanNode, SpanTree, TreeSpan } from './span-tree';

export type Collapsed = ReadonlySet<string>;

export interface VisibleNode<S extends TreeSpan = TreeSpan> {
  readonly node: SpanNode<S>;
  readonly depth: number;
  readonly hasChildren: boolean;
  readonly expanded: boolean;
  /** False for an ancestor shown only because a descendant matches the filter. */
  readonly matches: boolean;
}

export const EXPAND_ALL: Collapsed = new Set();

/** Every node that has children, collapsed: only the roots show. */
export function collapseAll(tree: SpanTree): Collapsed {
  const out = new Set<string>();
  for (const node of tree.nodes.values()) if (node.children.length > 0) out.add(node.key);
  return out;
}

export function toggleNode(collapsed: Collapsed, key: string): Collapsed {
  const out = new Set(collapsed);
  if (!out.delete(key)) out.add(key);
  return out;
}

/** Expands every ancestor of `key`, so the node is on screen (a search hit, a selected span). */
export function revealNode(collapsed: Collapsed, tree: SpanTree, key: string): Collapsed {
  const out = new Set(collapsed);
  for (let node = tree.nodes.get(key)?.parent ?? null; node !== null; node = node.parent) {
    out.delete(node.key);
  }
  return out;
}

export interface FilterVisibility {
  /** Nodes that match. */
  readonly matched: ReadonlySet<string>;
  /** Matches and all their ancestors. */
  readonly visible: ReadonlySet<string>;
}

export function visibleWithAncestors<S extends TreeSpan>(
  tree: SpanTree<S>,
  matches: (node: SpanNode<S>) => boolean,
): FilterVisibility {
  const matched = new Set<string>();
  const visible = new Set<string>();
  for (const node of tree.nodes.values()) {
    if (!matches(node)) continue;
    matched.add(node.key);
    // Stop at the first ancestor already visible: its own ancestors were added with it.
    for (let up: SpanNode<S> | null = node; up !== null && !visible.has(up.key); up = up.parent) {
      visible.add(up.key);
    }
  }
  return { matched, visible };
}

/**
 * The rows on screen, depth first: children of collapsed nodes are left out, and with `filter`
 * only visible nodes are shown (a collapsed node still hides its matching descendants, but says
 * `hasChildren` so it can be opened).
 */
export function flattenTree<S extends TreeSpan>(
  tree: SpanTree<S>,
  collapsed: Collapsed,
  filter?: FilterVisibility,
): VisibleNode<S>[] {
  const out: VisibleNode<S>[] = [];
  const shown = (node: SpanNode<S>) => filter === undefined || filter.visible.has(node.key);
  const stack: SpanNode<S>[] = tree.roots.filter(shown).reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    const children = node.children.filter(shown);
    const expanded = !collapsed.has(node.key);
    out.push({
      node,
      depth: node.depth,
      hasChildren: children.length > 0,
      expanded,
      matches: filter === undefined || filter.matched.has(node.key),
    });
    if (!expanded) continue;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as SpanNode<S>);
  }
  return out;
}
