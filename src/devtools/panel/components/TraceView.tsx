import { useEffect, useMemo, useState } from 'preact/hooks';
import type { BackendLinkSettings } from '../../../core/otlp/backend-link';
import { backendLink } from '../../../core/otlp/backend-link';
import { STATUS_ERROR, type RecordedSpan } from '../../../core/span/model';
import { criticalKeys, criticalPath } from '../model/critical-path';
import type { CompiledFilter } from '../model/filter-match';
import { toPanelRow } from '../model/panel-row';
import { buildSpanTree } from '../model/span-tree';
import { treeAdoptions } from '../model/tree-adoption';
import {
  collapseAll,
  EXPAND_ALL,
  flattenTree,
  toggleNode,
  visibleWithAncestors,
  type Collapsed,
} from '../model/tree-view';
import { barOf } from '../model/waterfall';
import { formatDuration, shortId } from '../format';

interface TraceViewProps {
  readonly traceId: string | null;
  readonly filter: CompiledFilter;
  readonly selected: string | null;
  readonly link: BackendLinkSettings | null;
  readonly load: (traceId: string) => Promise<RecordedSpan[]>;
  readonly onSelect: (key: string) => void;
}

/** One trace as Jaeger's timeline: a collapsible span tree with Gantt bars, critical path marked. */
export function TraceView({ traceId, filter, selected, link, load, onSelect }: TraceViewProps) {
  const [spans, setSpans] = useState<RecordedSpan[] | null>(null);
  const [collapsed, setCollapsed] = useState<Collapsed>(EXPAND_ALL);
  useEffect(() => {
    if (traceId === null) return undefined;
    let live = true;
    setSpans(null);
    setCollapsed(EXPAND_ALL);
    load(traceId).then(
      (found) => {
        if (live) setSpans(found);
      },
      () => {
        if (live) setSpans([]);
      },
    );
    return () => {
      live = false;
    };
  }, [traceId, load]);

  const tree = useMemo(
    () => (spans === null ? null : buildSpanTree(spans, treeAdoptions(spans))),
    [spans],
  );
  const critical = useMemo(
    () => (tree === null ? new Set<string>() : criticalKeys(criticalPath(tree))),
    [tree],
  );
  const visibility = useMemo(
    () =>
      tree === null || filter.terms.length === 0
        ? undefined
        : visibleWithAncestors(tree, (node) => filter.matches(toPanelRow(node.span))),
    [tree, filter],
  );

  if (traceId === null) {
    return <p class="empty">Select a request, then open the Trace view to see its whole trace.</p>;
  }
  if (tree === null) return <p class="empty">Reading the trace…</p>;
  if (tree.spanCount === 0) return <p class="empty">This trace is no longer stored.</p>;
  const rows = flattenTree(tree, collapsed, visibility);
  const range = { start: tree.startTime, end: tree.endTime };
  const href = link === null ? null : backendLink(link, { traceId });
  return (
    <div class="trace">
      <header class="trace-head">
        <h2>
          Trace <span class="mono">{shortId(traceId)}</span>
        </h2>
        <span>
          {tree.spanCount} spans · {formatDuration(tree.duration)}
        </span>
        <button
          type="button"
          onClick={() => {
            setCollapsed(EXPAND_ALL);
          }}
        >
          Expand all
        </button>
        <button
          type="button"
          onClick={() => {
            setCollapsed(collapseAll(tree));
          }}
        >
          Collapse all
        </button>
        <span class="legend">
          <span class="bar critical" /> critical path
        </span>
      </header>
      <p class="note">
        This trace holds only the browser’s spans. The server’s spans are in your tracing backend
        {href === null ? ' (set backendLink in the settings to link there)' : ': '}
        {href !== null && (
          <a href={href} target="_blank" rel="noopener noreferrer">
            open the trace there
          </a>
        )}
        .
      </p>
      <div class="tree" role="tree" aria-label={`Spans of trace ${traceId}`}>
        {rows.map(({ node, depth, hasChildren, expanded, matches }) => {
          const bar = barOf(node.span.startTime, node.span.endTime, range);
          const classes = [
            'tree-row',
            node.key === selected ? 'selected' : '',
            node.span.status.code === STATUS_ERROR ? 'error' : '',
            matches ? '' : 'context',
          ].join(' ');
          return (
            <div
              key={node.key}
              role="treeitem"
              aria-level={depth + 1}
              aria-expanded={hasChildren ? expanded : undefined}
              aria-selected={node.key === selected}
              class={classes}
              onClick={() => {
                onSelect(node.key);
              }}
            >
              <div class="tree-name" style={{ paddingLeft: `${String(depth * 14 + 4)}px` }}>
                {hasChildren ? (
                  <button
                    type="button"
                    class="twisty"
                    aria-label={expanded ? 'Collapse' : 'Expand'}
                    onClick={(event) => {
                      event.stopPropagation();
                      setCollapsed((c) => toggleNode(c, node.key));
                    }}
                  >
                    {expanded ? '▾' : '▸'}
                  </button>
                ) : (
                  <span class="twisty" />
                )}
                {node.span.name}
                {node.orphan ? (
                  <span class="muted" title="its parent span is not stored">
                    {' '}
                    (parent missing)
                  </span>
                ) : null}
              </div>
              <div class="tree-duration">
                {formatDuration(node.span.endTime - node.span.startTime)}
              </div>
              <div class="tree-gantt">
                <span
                  class={critical.has(node.key) ? 'bar critical' : 'bar'}
                  style={{ left: `${String(bar.left)}%`, width: `${String(bar.width)}%` }}
                />
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
