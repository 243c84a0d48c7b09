/**
 * The panel's state: every row it knows, what the user chose (filter, sort, view, selection,
 * scope) and what the data layer reports (loading, errors), with the derived list. Plain
 * TypeScript with a subscribe/snapshot pair, as React DevTools' Store: components read snapshots
 * and call methods; nothing here touches the DOM or the store. Rows live in one mutable array
 * (100,000 of them are copied for nobody); a version number tells derivations when they changed.
 */
import { compileFilter, type AttributeLookup, type CompiledFilter } from './filter-match';
import { listItems, type ListItem } from './list-items';
import {
  extendShownRequests,
  replacesInPlace,
  shownRequests,
  type Replaced,
  type ShownRows,
} from './shown-rows';
import { rowKey, type PanelRow } from './panel-row';
import { redByName, type RedStat } from './red-stats';
import { dependencies, type Dependency } from './dependencies';
import type { SortOrder } from './sort';
import { rangeOf, type TimeRange } from './waterfall';

export type PanelView = 'requests' | 'trace' | 'summary';

/** Where loading stands: the first rows show before every row is in. */
export type LoadPhase = 'opening' | 'first-rows' | 'complete' | 'failed';

export interface PanelChoices {
  readonly filterText: string;
  readonly errorsOnly: boolean;
  readonly sort: SortOrder | null;
  readonly view: PanelView;
  /** rowKey of the selected request, or null. */
  readonly selected: string | null;
  readonly detailOpen: boolean;
  readonly preserveLog: boolean;
  readonly recording: boolean;
  /** The tab whose requests are shown, or 'all'. */
  readonly scope: number | 'all';
}

export interface PanelSnapshot extends PanelChoices {
  readonly phase: LoadPhase;
  /** Rows known; while loading, how far the stream got. */
  readonly rowCount: number;
  /** Spans in the store when loading began, if known. */
  readonly storedCount: number | null;
  readonly error: string | null;
  /** A passing message (import result, a cleared store), or null. */
  readonly message: string | null;
  readonly filter: CompiledFilter;
  readonly items: readonly ListItem[];
  /** How many requests the filter kept (the items hold page headers too). */
  readonly shownCount: number;
  readonly totalCount: number;
  readonly range: TimeRange;
  readonly selectedRow: PanelRow | null;
}

export const INITIAL_CHOICES: PanelChoices = {
  filterText: '',
  errorsOnly: false,
  sort: null,
  view: 'requests',
  selected: null,
  detailOpen: false,
  preserveLog: false,
  recording: true,
  scope: 'all',
};

type Listener = () => void;

export class PanelState {
  #rows: PanelRow[] = [];
  #byKey = new Map<string, number>();
  #version = 0;
  #choices: PanelChoices;
  #phase: LoadPhase = 'opening';
  #storedCount: number | null = null;
  #error: string | null = null;
  #message: string | null = null;
  #attributes: AttributeLookup | undefined;
  #listeners = new Set<Listener>();
  #snapshot: PanelSnapshot | null = null;
  #updateMs = 0;
  /**
   * What changed since the shown rows were made, if only rows arrived with new keys and page-view
   * spans widened in place (shown-rows.ts); null when anything else changed.
   */
  #changes: { added: PanelRow[]; replaced: Replaced[] } | null = null;
  // Memo of the expensive stages.
  #shown: {
    version: number;
    scope: number | 'all';
    preserveLog: boolean;
    value: ShownRows;
  } | null = null;
  #filter: { text: string; errorsOnly: boolean; lookup: unknown; value: CompiledFilter } | null =
    null;

  constructor(choices: Partial<PanelChoices> = {}) {
    this.#choices = { ...INITIAL_CHOICES, ...choices };
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The same object until something changes (for useSyncExternalStore-style readers). */
  snapshot(): PanelSnapshot {
    if (this.#snapshot === null) {
      const rowsChanged = this.#shown?.version !== this.#version;
      const started = performance.now();
      this.#snapshot = this.#derive();
      if (rowsChanged) this.#updateMs = performance.now() - started;
    }
    return this.#snapshot;
  }

  /** What deriving the list took the last time the rows had changed: what an update costs. */
  get updateMs(): number {
    return this.#updateMs;
  }

  /** Every row, in arrival order (not a copy: do not change it). */
  get rows(): readonly PanelRow[] {
    return this.#rows;
  }

  row(key: string): PanelRow | undefined {
    const at = this.#byKey.get(key);
    return at === undefined ? undefined : this.#rows[at];
  }

  choose(change: Partial<PanelChoices>): void {
    this.#choices = { ...this.#choices, ...change };
    this.#changed();
  }

  /**
   * New rows, or newer copies of rows already held (a widened page-view span, an export mark).
   * `quiet` holds the update back from subscribers (a stream of blocks calls `flush` when it is
   * time to show them): every update re-derives the list, which over 100,000 rows costs more
   * than reading them.
   */
  upsert(rows: readonly PanelRow[], quiet = false): void {
    if (rows.length === 0) return;
    for (const row of rows) {
      const key = rowKey(row);
      const at = this.#byKey.get(key);
      if (at === undefined) {
        this.#byKey.set(key, this.#rows.length);
        this.#rows.push(row);
        this.#changes?.added.push(row);
      } else {
        const change = { old: this.#rows[at] as PanelRow, row };
        if (replacesInPlace(change)) this.#changes?.replaced.push(change);
        else this.#changes = null;
        this.#rows[at] = row;
      }
    }
    this.#version++;
    if (quiet) this.#snapshot = null;
    else this.#changed();
  }

  /** Tells subscribers about quiet updates. */
  flush(): void {
    this.#changed();
  }

  /** Every row is gone (the store was cleared); the choices stay. */
  reset(): void {
    this.#rows = [];
    this.#byKey.clear();
    this.#changes = null;
    this.#version++;
    this.#changed();
  }

  setPhase(phase: LoadPhase, storedCount?: number): void {
    this.#phase = phase;
    if (storedCount !== undefined) this.#storedCount = storedCount;
    this.#changed();
  }

  setError(error: string | null): void {
    this.#error = error;
    this.#changed();
  }

  setMessage(message: string | null): void {
    this.#message = message;
    this.#changed();
  }

  /** Where `attr.` filter terms find attributes of rows that do not carry them. */
  setAttributeLookup(lookup: AttributeLookup | undefined): void {
    this.#attributes = lookup;
    this.#filter = null;
    this.#changed();
  }

  /** Moves the selection `by` requests in the list (arrow keys); keeps it in bounds. */
  moveSelection(by: number): void {
    const rows = this.snapshot().items.filter((i) => i.kind === 'row');
    if (rows.length === 0) return;
    const at = rows.findIndex((i) => i.key === this.#choices.selected);
    const next = at < 0 ? (by > 0 ? 0 : rows.length - 1) : at + by;
    const target = rows[Math.max(0, Math.min(rows.length - 1, next))];
    if (target !== undefined) this.choose({ selected: target.key });
  }

  /** The summary view's statistics over what the filter keeps. */
  summary(): { red: RedStat[]; dependencies: Dependency[] } {
    const rows = this.snapshot().items.flatMap((i) => (i.kind === 'row' ? [i.row] : []));
    return { red: redByName(rows), dependencies: dependencies(rows) };
  }

  #changed(): void {
    this.#snapshot = null;
    for (const listener of this.#listeners) listener();
  }

  #shownRows(): ShownRows {
    const { scope, preserveLog } = this.#choices;
    const options = {
      ...(scope === 'all' ? {} : { tabId: scope }),
      preserveLog: scope === 'all' ? true : preserveLog,
    };
    const memo = this.#shown;
    const sameScope = memo?.scope === scope && memo.preserveLog === preserveLog;
    if (sameScope && memo.version === this.#version) return memo.value;
    const value =
      (sameScope && this.#changes !== null
        ? extendShownRequests(memo.value, this.#changes, options)
        : null) ?? shownRequests(this.#rows, options);
    this.#shown = { version: this.#version, scope, preserveLog, value };
    this.#changes = { added: [], replaced: [] };
    return value;
  }

  #compiledFilter(): CompiledFilter {
    const { filterText, errorsOnly } = this.#choices;
    const memo = this.#filter;
    if (
      memo?.text === filterText &&
      memo.errorsOnly === errorsOnly &&
      memo.lookup === this.#attributes
    ) {
      return memo.value;
    }
    const value = compileFilter(filterText, {
      errorsOnly,
      ...(this.#attributes === undefined ? {} : { attributes: this.#attributes }),
    });
    this.#filter = { text: filterText, errorsOnly, lookup: this.#attributes, value };
    return value;
  }

  #derive(): PanelSnapshot {
    const shown = this.#shownRows();
    const filter = this.#compiledFilter();
    const items = listItems(shown, filter, this.#choices.sort, this.#choices.scope !== 'all');
    let shownCount = 0;
    let start = Infinity;
    let end = -Infinity;
    for (const item of items) {
      if (item.kind !== 'row') continue;
      shownCount++;
      start = Math.min(start, item.row.startTime);
      end = Math.max(end, item.row.startTime + item.row.duration);
    }
    const selected = this.#choices.selected;
    return {
      ...this.#choices,
      phase: this.#phase,
      rowCount: this.#rows.length,
      storedCount: this.#storedCount,
      error: this.#error,
      message: this.#message,
      filter,
      items,
      shownCount,
      totalCount: shown.requests.length,
      range: shownCount === 0 ? rangeOf([]) : { start, end: Math.max(start, end) },
      selectedRow: selected === null ? null : (this.row(selected) ?? null),
    };
  }
}
