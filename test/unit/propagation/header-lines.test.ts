import { describe, expect, test } from 'vitest';
import { applyPlan, type HeaderLine } from '../../../src/core/propagation/index';

const LINES: HeaderLine[] = [
  ['X-First', '1'],
  ['Baggage', 'page=1'],
  ['TraceParent', 'old'],
  ['X-Last', '2'],
  ['baggage', 'page=2'],
];

describe('applyPlan', () => {
  test("the page's lines stay in place and spelled as written; ours take the first line's place", () => {
    const plan = {
      headers: { baggage: 'page=1, page=2,ours=1', traceparent: 'new' },
      remove: [],
    };
    expect(applyPlan(LINES, plan)).toEqual([
      ['X-First', '1'],
      ['Baggage', 'page=1, page=2,ours=1'],
      ['TraceParent', 'new'],
      ['X-Last', '2'],
    ]);
  });

  test('removed and dropped names go; new names are appended lowercase', () => {
    const plan = { headers: { tracestate: 'a=1' }, remove: ['traceparent'] };
    expect(applyPlan(LINES, plan, new Set(['x-last']))).toEqual([
      ['X-First', '1'],
      ['Baggage', 'page=1'],
      ['baggage', 'page=2'],
      ['tracestate', 'a=1'],
    ]);
  });

  test('no plan: the lines as they were, minus dropped names', () => {
    expect(applyPlan(LINES, null)).toEqual(LINES);
    expect(applyPlan(LINES, null, new Set(['baggage']))).toEqual([
      ['X-First', '1'],
      ['TraceParent', 'old'],
      ['X-Last', '2'],
    ]);
  });
});
