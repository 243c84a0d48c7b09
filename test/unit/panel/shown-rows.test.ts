import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SPAN_KIND_INTERNAL, STATUS_ERROR } from '../../../src/core/span/model';
import type { ListItem } from '../../../src/devtools/panel/model/list-items';
import { PanelState } from '../../../src/devtools/panel/model/panel-state';
import type { PanelRow } from '../../../src/devtools/panel/model/panel-row';
import {
  extendShownRequests,
  shownRequests,
  type ShownOptions,
  type ShownRows,
} from '../../../src/devtools/panel/model/shown-rows';
import { row, sid, T0 } from './builders';

/** What the list is made of, by row key, comparable across two computations. */
function shape(shown: ShownRows) {
  const key = (r: PanelRow | undefined) => (r === undefined ? null : r.spanId);
  return {
    groups: shown.groups.map((g) => ({
      id: `${String(g.tabId)}/${g.pageViewId}`,
      rows: g.rows.map(key),
      startTime: g.startTime,
      endTime: g.endTime,
      errorCount: g.errorCount,
      pageViewSpan: key(g.pageViewSpan),
    })),
    requests: shown.requests.map(key),
    requestOf: [...shown.requestOf].map(([p, r]) => [key(p), key(r)]).sort(),
    preflightsOf: [...shown.preflightsOf].map(([r, ps]) => [key(r), ps.map(key)]).sort(),
  };
}

/** An item as the table shows it, a page-view header with its figures. */
function itemShape(item: ListItem) {
  if (item.kind === 'row') return `${item.key}:${String(item.depth)}`;
  const { group } = item;
  return `${item.key}:${String(group.rows.length)}:${String(group.endTime)}:${String(group.errorCount)}:${group.pageViewSpan?.spanId ?? ''}`;
}

const request = (n: number, start: number, o: Partial<PanelRow> = {}) =>
  row({ spanId: sid(n), startTime: T0 + start, ...o });

describe('extendShownRequests', () => {
  const options: ShownOptions = { preserveLog: true };

  test('rows that add to the newest page views in start order are added, not regrouped', () => {
    const first = [request(1, 0), request(2, 10, { pageViewId: 'pv-2' })];
    const later = [
      request(3, 20, { pageViewId: 'pv-2', status: STATUS_ERROR }),
      request(4, 30, { pageViewId: 'pv-3' }),
    ];
    const extended = extendShownRequests(
      shownRequests(first, options),
      { added: later, replaced: [] },
      options,
    );
    expect(extended).not.toBeNull();
    expect(shape(extended as ShownRows)).toEqual(
      shape(shownRequests([...first, ...later], options)),
    );
  });

  test('a widened page-view span takes its place; the page view ends later', () => {
    const view = request(9, 0, { kind: SPAN_KIND_INTERNAL, duration: 5 });
    const rows = [view, request(1, 1)];
    const widened = { ...view, duration: 50 };
    const extended = extendShownRequests(
      shownRequests(rows, options),
      { added: [], replaced: [{ old: view, row: widened }] },
      options,
    );
    expect(extended?.groups[0]?.endTime).toBe(T0 + 50);
    expect(extended?.groups[0]?.pageViewSpan).toBe(widened);
  });

  test('a request arriving where a preflight went is paired with it', () => {
    const url = 'https://api.example.com/items/2';
    const preflight = request(9, 0, {
      method: 'OPTIONS',
      resourceType: 'preflight',
      url,
      duration: 1,
    });
    const extended = extendShownRequests(
      shownRequests([preflight], options),
      { added: [request(2, 2, { url, method: 'POST' })], replaced: [] },
      options,
    );
    expect(extended?.requestOf.get(preflight)?.spanId).toBe(sid(2));
  });

  test('gives up, for a recomputation, on rows older than their page view or page views older than the newest', () => {
    const shown = shownRequests([request(1, 10), request(2, 20, { pageViewId: 'pv-2' })], options);
    const older = { added: [request(3, 5)], replaced: [] };
    expect(extendShownRequests(shown, older, options)).toBeNull();
    const olderView = { added: [request(4, 15, { pageViewId: 'pv-0' })], replaced: [] };
    expect(extendShownRequests(shown, olderView, options)).toBeNull();
  });
});

// Rows as a recording makes them, mostly in start order, with page-view spans, preflights,
// errors, two tabs and page views that start anew; some arrive late, some replace earlier ones.
const rowArb = fc.record({
  delta: fc.integer({ min: -30, max: 40 }),
  tabId: fc.constantFrom(1, 2),
  pageViewId: fc.constantFrom('pv-a', 'pv-b', 'pv-c'),
  kind: fc.constantFrom<PanelRow['kind']>(3, 3, 3, SPAN_KIND_INTERNAL),
  preflight: fc.boolean(),
  url: fc.constantFrom('https://api.example.com/a', 'https://api.example.com/b', ''),
  duration: fc.integer({ min: 0, max: 60 }),
  error: fc.boolean(),
});
const stepArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.array(rowArb, { minLength: 1, maxLength: 6 }).map((rows) => ({ rows })),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      replace: fc.nat(),
      duration: fc.integer({ min: 0, max: 200 }),
      moveStart: fc.boolean(),
    }),
  },
);

describe('PanelState: live rows added in place list exactly what a recomputation lists', () => {
  test.each([
    ['every tab', {}],
    ['one tab, preserve log', { scope: 1, preserveLog: true }],
    ['one tab, newest page view', { scope: 1, preserveLog: false }],
  ] as const)('%s', (_, choices) => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 12 }), (steps) => {
        const live = new PanelState(choices);
        let clock = 0;
        let n = 0;
        const all = new Map<string, PanelRow>();
        for (const step of steps) {
          let batch: PanelRow[];
          if ('rows' in step) {
            batch = step.rows.map((r) => {
              clock += r.delta;
              n++;
              return request(n, clock, {
                tabId: r.tabId,
                pageViewId: r.pageViewId,
                kind: r.kind,
                url: r.url,
                duration: r.duration,
                status: r.error ? STATUS_ERROR : 0,
                ...(r.preflight ? { method: 'OPTIONS', resourceType: 'preflight' } : {}),
              });
            });
          } else {
            const existing = [...all.values()];
            const old = existing[step.replace % Math.max(1, existing.length)];
            if (old === undefined) continue;
            const startTime = step.moveStart ? old.startTime + 1 : old.startTime;
            batch = [{ ...old, duration: step.duration, startTime }];
          }
          for (const r of batch) all.set(r.spanId, r);
          live.upsert(batch);
          const whole = new PanelState(choices);
          whole.upsert(
            [...all.values()].sort(
              (a, b) => Number.parseInt(a.spanId, 16) - Number.parseInt(b.spanId, 16),
            ),
          );
          const seen = live.snapshot();
          const expected = whole.snapshot();
          expect(seen.items.map(itemShape)).toEqual(expected.items.map(itemShape));
          expect({ ...seen, items: null, selectedRow: null, filter: null }).toEqual({
            ...expected,
            items: null,
            selectedRow: null,
            filter: null,
          });
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
