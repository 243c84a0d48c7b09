import { describe, expect, test } from 'vitest';
import { compileFilter } from '../../../src/devtools/panel/model/filter-match';
import { listItems, shownRequests } from '../../../src/devtools/panel/model/list-items';
import { PanelState } from '../../../src/devtools/panel/model/panel-state';
import { row, sid, T0 } from './builders';

const request = (n: number, start: number, o = {}) =>
  row({
    spanId: sid(n),
    startTime: T0 + start,
    url: `https://api.example.com/items/${String(n)}`,
    ...o,
  });
const preflight = (n: number, start: number) =>
  row({
    spanId: sid(n),
    name: 'OPTIONS /items',
    method: 'OPTIONS',
    statusCode: 204,
    resourceType: 'preflight',
    startTime: T0 + start,
    duration: 1,
    url: 'https://api.example.com/items/2',
  });

describe('listItems', () => {
  const rows = [request(1, 0), preflight(9, 8), request(2, 10, { method: 'POST' }), request(3, 20)];
  const shown = shownRequests(rows, { tabId: 7, preserveLog: false });
  const keys = (text: string) =>
    listItems(shown, compileFilter(text), null, true).map((i) =>
      i.kind === 'row' ? `${i.row.spanId.slice(-1)}@${String(i.depth)}` : 'header',
    );

  test('a preflight goes right under its request', () => {
    expect(keys('')).toEqual(['1@0', '2@0', '9@1', '3@0']);
  });

  test('filtered out, the request leaves its preflight where it was; both hidden, neither shows', () => {
    expect(keys('method:OPTIONS')).toEqual(['9@0']);
    expect(keys('method:GET')).toEqual(['1@0', '3@0']);
  });

  test('page-view headers only with several page views, in time order', () => {
    const views = [request(1, 0, { pageViewId: 'a' }), request(2, 5000, { pageViewId: 'b' })];
    const two = shownRequests(views, { tabId: 7, preserveLog: true });
    const kinds = listItems(two, compileFilter(''), null, true).map((i) => i.kind);
    expect(kinds).toEqual(['group', 'row', 'group', 'row']);
    expect(
      listItems(two, compileFilter(''), { column: 'duration', direction: 'ascending' }, true).map(
        (i) => i.kind,
      ),
    ).toEqual(['row', 'row']);
  });

  test('items are the same objects from keystroke to keystroke', () => {
    const first = listItems(shown, compileFilter(''), null, false);
    const again = listItems(shown, compileFilter('items'), null, false);
    expect(again[0]).toBe(first[0]);
  });
});

describe('PanelState', () => {
  test('upserts replace rows by key, and a quiet upsert notifies only on flush', () => {
    const state = new PanelState({ scope: 7 });
    let notified = 0;
    state.subscribe(() => {
      notified++;
    });
    state.upsert([request(1, 0), request(2, 10)]);
    expect(notified).toBe(1);
    state.upsert([request(2, 10, { statusCode: 503, status: 2 })], true);
    expect(notified).toBe(1);
    expect(state.snapshot().items).toHaveLength(2);
    expect(state.row(`${request(2, 0).traceId}/${sid(2)}`)?.statusCode).toBe(503);
    state.flush();
    expect(notified).toBe(2);
  });

  test('the snapshot is memoized until something changes; filters and errors-only narrow it', () => {
    const state = new PanelState({ scope: 7 });
    state.upsert([request(1, 0), request(2, 10, { status: 2, statusCode: 500 })]);
    const snapshot = state.snapshot();
    expect(state.snapshot()).toBe(snapshot);
    state.choose({ errorsOnly: true });
    expect(state.snapshot().shownCount).toBe(1);
    expect(state.snapshot().totalCount).toBe(2);
    state.choose({ errorsOnly: false, filterText: '/items\\/1$/' });
    expect(state.snapshot().shownCount).toBe(1);
  });

  test('arrow keys move the selection within the shown rows and stop at the ends', () => {
    const state = new PanelState({ scope: 7 });
    state.upsert([request(1, 0), request(2, 10), request(3, 20)]);
    state.moveSelection(1);
    expect(state.snapshot().selectedRow?.spanId).toBe(sid(1));
    state.moveSelection(5);
    expect(state.snapshot().selectedRow?.spanId).toBe(sid(3));
    state.moveSelection(-1);
    expect(state.snapshot().selectedRow?.spanId).toBe(sid(2));
  });

  test('without preserve log only the newest page view of the tab shows; reset empties it', () => {
    const state = new PanelState({ scope: 7 });
    state.upsert([request(1, 0, { pageViewId: 'old' }), request(2, 5000, { pageViewId: 'new' })]);
    expect(state.snapshot().items.map((i) => i.key.slice(-1))).toEqual(['2']);
    state.choose({ preserveLog: true });
    expect(state.snapshot().shownCount).toBe(2);
    state.reset();
    expect(state.snapshot().totalCount).toBe(0);
  });

  test('the summary covers the shown rows', () => {
    const state = new PanelState({ scope: 7 });
    state.upsert([request(1, 0), request(2, 10, { name: 'POST /items', status: 2 })]);
    const { red } = state.summary();
    expect(red.map((r) => [r.name, r.count, r.errors])).toEqual(
      expect.arrayContaining([
        ['GET /items', 1, 0],
        ['POST /items', 1, 1],
      ]),
    );
  });
});
