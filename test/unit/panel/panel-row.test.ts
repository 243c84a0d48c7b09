import { describe, expect, test } from 'vitest';
import { compactRow } from '../../../src/core/span/compact-row';
import type { RecordedSpan } from '../../../src/core/span/model';
import { rowEnd, rowKey, toPanelRow } from '../../../src/devtools/panel/model/panel-row';
import { span, TRACE_A } from './builders';
import { fixtureSpans } from './fixture-spans';

describe('toPanelRow', () => {
  test('a recorded CORS preflight and its GET: every listed field', () => {
    const [preflight, get] = fixtureSpans('cors-preflight').map(toPanelRow);
    expect(preflight).toMatchObject({
      name: 'OPTIONS /preflighted',
      kind: 3,
      method: 'OPTIONS',
      status: 0,
      contextSource: 'none',
      resourceType: 'preflight',
      serverAddress: 'api.test',
      pageOrigin: expect.stringMatching(/^http:\/\/app\.test:\d+$/) as unknown,
      parentSpanId: '',
      exported: 0,
    });
    expect(preflight?.url).toMatch(/^http:\/\/api\.test:\d+\/preflighted$/);
    expect(preflight?.origin).toBe(preflight?.url.replace('/preflighted', ''));
    expect(get).toMatchObject({ method: 'GET', statusCode: 200, resourceType: 'fetch' });
  });

  test('its first fields are exactly the store compact row, so a stored row maps 1:1', () => {
    for (const name of ['fetch-200', 'status-404', 'failed-connection-refused', 'network-mode']) {
      for (const s of fixtureSpans(name)) {
        const row = toPanelRow(s);
        const compact = compactRow(s);
        expect(
          Object.fromEntries(Object.keys(compact).map((k) => [k, row[k as keyof typeof row]])),
        ).toEqual(compact);
      }
    }
  });

  test('a failed request: status ERROR, no status code; the page-view span: no method', () => {
    const [failed] = fixtureSpans('failed-connection-refused').map(toPanelRow);
    expect(failed).toMatchObject({ status: 2, statusCode: 0 });
    const pageView = toPanelRow(
      span({
        kind: 1,
        name: 'page_view /shop',
        attributes: { 'url.full': 'https://app.example.com/shop' },
      }),
    );
    expect(pageView).toMatchObject({
      kind: 1,
      method: '',
      serverAddress: '',
      statusCode: 0,
      resourceType: '',
    });
  });

  test('keeps the attributes by reference, never a copy', () => {
    const s = span();
    expect(toPanelRow(s).attributes).toBe(s.attributes);
  });

  test('a span with broken fields still gets a row, blanks where fields are odd', () => {
    const broken = { ...span(), attributes: null, context: 5 } as unknown as RecordedSpan;
    const row = toPanelRow(broken);
    expect(row).toMatchObject({
      url: '',
      serverAddress: '',
      method: '',
      tabId: -1,
      pageOrigin: '',
    });
  });

  test('rowKey joins trace and span id; rowEnd is start + duration', () => {
    const row = toPanelRow(span({ start: 5, duration: 2.5 }));
    expect(rowKey(row)).toBe(`${TRACE_A}/0000000000000001`);
    expect(rowEnd(row)).toBe(row.startTime + 2.5);
  });
});
