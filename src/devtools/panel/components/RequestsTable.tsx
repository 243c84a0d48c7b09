import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { STATUS_ERROR } from '../../../core/span/model';
import type { ListItem } from '../model/list-items';
import { nextSortOrder, type SortColumn, type SortOrder } from '../model/sort';
import { barOf, type TimeRange } from '../model/waterfall';
import { formatClock, formatDuration, shortId } from '../format';
import { StateIcon } from './StateIcon';

export const ROW_HEIGHT = 21;
/** Rows rendered beyond the visible ones, so fast scrolling does not show blanks. */
const OVERSCAN = 10;

interface Column {
  readonly id: SortColumn | 'waterfall' | 'state';
  readonly label: string;
  readonly className: string;
}

const COLUMNS: readonly Column[] = [
  { id: 'state', label: 'State', className: 'c-state' },
  { id: 'name', label: 'Name', className: 'c-name' },
  { id: 'method', label: 'Method', className: 'c-method' },
  { id: 'statusCode', label: 'Status', className: 'c-status' },
  { id: 'origin', label: 'Origin', className: 'c-origin' },
  { id: 'duration', label: 'Duration', className: 'c-duration' },
  { id: 'startTime', label: 'Start', className: 'c-start' },
  { id: 'traceId', label: 'Trace', className: 'c-trace' },
  { id: 'waterfall', label: 'Waterfall', className: 'c-waterfall' },
];

interface RequestsTableProps {
  readonly items: readonly ListItem[];
  readonly selected: string | null;
  readonly sort: SortOrder | null;
  readonly range: TimeRange;
  readonly onSort: (order: SortOrder) => void;
  readonly onSelect: (key: string) => void;
  readonly onOpen: (key: string) => void;
}

function ariaSort(sort: SortOrder | null, id: string): 'ascending' | 'descending' | 'none' {
  return sort?.column === id ? sort.direction : 'none';
}

/**
 * The request list, virtualized: only the rows in view (and a few around them) are in the DOM,
 * so 100,000 rows scroll as fast as 100 (DESIGN §5).
 */
export function RequestsTable(props: RequestsTableProps) {
  const { items, selected, sort, range } = props;
  const body = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);

  useLayoutEffect(() => {
    const element = body.current;
    if (!element) return undefined;
    const observer = new ResizeObserver(() => {
      setHeight(element.clientHeight);
    });
    observer.observe(element);
    setHeight(element.clientHeight);
    return () => {
      observer.disconnect();
    };
  }, []);

  // Keep the selected row in view as the arrow keys move it.
  useEffect(() => {
    const element = body.current;
    if (!element || selected === null) return;
    const at = items.findIndex((item) => item.key === selected);
    if (at < 0) return;
    const top = at * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight) {
      element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
    }
  }, [selected, items]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const visible = items.slice(first, last);

  return (
    <div class="table" role="grid" aria-label="Requests" aria-rowcount={items.length + 1}>
      <div class="thead" role="row" aria-rowindex={1}>
        {COLUMNS.map((column) =>
          column.id === 'waterfall' || column.id === 'state' ? (
            <div key={column.id} role="columnheader" class={`cell ${column.className}`}>
              {column.label}
            </div>
          ) : (
            <div
              key={column.id}
              role="columnheader"
              aria-sort={ariaSort(sort, column.id)}
              class={`cell ${column.className}`}
            >
              <button
                type="button"
                class="sort"
                onClick={() => {
                  props.onSort(nextSortOrder(sort, column.id as SortColumn));
                }}
              >
                {column.label}
                {sort?.column === column.id ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
              </button>
            </div>
          ),
        )}
      </div>
      <div
        ref={body}
        class="tbody"
        tabIndex={0}
        onScroll={(event) => {
          setScrollTop(event.currentTarget.scrollTop);
        }}
      >
        <div class="spacer-rows" style={{ height: `${String(items.length * ROW_HEIGHT)}px` }}>
          {visible.map((item, i) => {
            const index = first + i;
            const style = { transform: `translateY(${String(index * ROW_HEIGHT)}px)` };
            if (item.kind === 'group') {
              return (
                <div
                  key={item.key}
                  role="row"
                  aria-rowindex={index + 2}
                  class="tr group"
                  style={style}
                >
                  <div role="gridcell" class="cell group-cell">
                    Page view {formatClock(item.group.startTime)} · {item.group.rows.length} spans
                    {item.group.errorCount > 0 ? ` · ${String(item.group.errorCount)} errors` : ''}
                  </div>
                </div>
              );
            }
            const { row } = item;
            const error = row.status === STATUS_ERROR;
            const bar = barOf(row.startTime, row.startTime + row.duration, range);
            const classes = [
              'tr',
              error ? 'error' : '',
              item.key === selected ? 'selected' : '',
              item.depth === 1 ? 'child' : '',
            ].join(' ');
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={index + 2}
                aria-selected={item.key === selected}
                class={classes}
                style={style}
                onClick={() => {
                  props.onSelect(item.key);
                }}
                onDblClick={() => {
                  props.onOpen(item.key);
                }}
              >
                <div role="gridcell" class="cell c-state">
                  <StateIcon source={row.contextSource} exported={row.exported} />
                </div>
                <div role="gridcell" class="cell c-name" title={row.url}>
                  {item.depth === 1 ? '↳ ' : ''}
                  {row.name}
                </div>
                <div role="gridcell" class="cell c-method">
                  {row.method}
                </div>
                <div role="gridcell" class="cell c-status">
                  {row.statusCode === 0 ? (error ? '(failed)' : '') : row.statusCode}
                </div>
                <div role="gridcell" class="cell c-origin" title={row.origin}>
                  {row.origin}
                </div>
                <div role="gridcell" class="cell c-duration">
                  {formatDuration(row.duration)}
                </div>
                <div role="gridcell" class="cell c-start">
                  {formatClock(row.startTime)}
                </div>
                <div role="gridcell" class="cell c-trace" title={row.traceId}>
                  {shortId(row.traceId)}
                </div>
                <div role="gridcell" class="cell c-waterfall" aria-hidden="true">
                  <span
                    class="bar"
                    style={{ left: `${String(bar.left)}%`, width: `${String(bar.width)}%` }}
                  />
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
