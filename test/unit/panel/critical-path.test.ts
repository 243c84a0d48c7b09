/**
 * The critical path against Jaeger UI's own test cases (jaegertracing/jaeger-ui,
 * packages/jaeger-ui/src/components/TracePage/CriticalPath/testCases/test{1..9}.js, Apache-2.0),
 * rewritten as span trees: same times, same expected sections in the same order. test5 is left out:
 * it is about Jaeger's FOLLOWS_FROM references, which OpenTelemetry spans do not have.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { criticalKeys, criticalPath } from '../../../src/devtools/panel/model/critical-path';
import { buildSpanTree, type TreeSpan } from '../../../src/devtools/panel/model/span-tree';
import { TRACE_A } from './builders';

const NAMES = ['A', 'B', 'C', 'D', 'E', 'X'];
const id = (name: string) => (NAMES.indexOf(name) + 1).toString(16).padStart(16, '0');
const nameOf = (key: string) => NAMES[parseInt(key.slice(-16), 16) - 1];

/** [name, parent, startTime, duration], as Jaeger's cases give them. */
type Case = [string, string | null, number, number][];

function sections(spans: Case): [string | undefined, number, number][] {
  const tree = buildSpanTree(
    spans.map(([name, parent, start, duration]): TreeSpan => ({
      traceId: TRACE_A,
      spanId: id(name),
      ...(parent === null ? {} : { parentSpanId: id(parent) }),
      startTime: start,
      endTime: start + duration,
    })),
  );
  return criticalPath(tree).map((s) => [nameOf(s.key), s.start, s.end]);
}

describe("criticalPath: Jaeger UI's cases", () => {
  test('test1: two sequential children', () => {
    const spans: Case = [
      ['E', 'C', 50, 10],
      ['C', null, 1, 100],
      ['D', 'C', 20, 20],
    ];
    expect(sections(spans)).toEqual([
      ['C', 60, 101],
      ['E', 50, 60],
      ['C', 40, 50],
      ['D', 20, 40],
      ['C', 1, 20],
    ]);
  });

  test('test2: overlapping children, the later-finishing one wins', () => {
    const spans: Case = [
      ['X', null, 1, 100],
      ['A', 'X', 10, 40],
      ['C', 'X', 20, 40],
    ];
    expect(sections(spans)).toEqual([
      ['X', 60, 101],
      ['C', 20, 60],
      ['X', 1, 20],
    ]);
  });

  test('test3: a child starting after its parent ended is dropped', () => {
    const spans: Case = [
      ['A', null, 100, 40],
      ['B', 'A', 150, 60],
    ];
    expect(sections(spans)).toEqual([['A', 100, 140]]);
  });

  test('test4: a dropped child takes its subtree with it', () => {
    const spans: Case = [
      ['A', null, 1, 30],
      ['B', 'A', 40, 40],
      ['C', 'B', 50, 10],
    ];
    expect(sections(spans)).toEqual([['A', 1, 31]]);
  });

  test('test6: children sticking out are cut to the parent', () => {
    const spans: Case = [
      ['A', null, 1, 29],
      ['B', 'A', 15, 20],
      ['C', 'B', 10, 15],
    ];
    expect(sections(spans)).toEqual([
      ['B', 25, 30],
      ['C', 15, 25],
      ['A', 1, 15],
    ]);
  });

  test('test7: a chain that outlives the root', () => {
    const spans: Case = [
      ['A', null, 1, 29],
      ['B', 'A', 15, 20],
      ['C', 'B', 20, 20],
    ];
    expect(sections(spans)).toEqual([
      ['C', 20, 30],
      ['B', 15, 20],
      ['A', 1, 15],
    ]);
  });

  test('test8: a child covering its whole parent', () => {
    const spans: Case = [
      ['A', null, 10, 20],
      ['B', 'A', 5, 30],
    ];
    expect(sections(spans)).toEqual([['B', 10, 30]]);
  });

  test('test9: a child that ended before its parent started is dropped', () => {
    const spans: Case = [
      ['A', null, 10, 20],
      ['B', 'A', 1, 4],
    ];
    expect(sections(spans)).toEqual([['A', 10, 30]]);
  });
});

describe('criticalPath: properties', () => {
  const spansArb = fc
    .array(
      fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 300 }), fc.nat()),
      { minLength: 1, maxLength: 25 },
    )
    .map((specs) =>
      specs.map(([start, duration, parentPick], i): TreeSpan => ({
        traceId: TRACE_A,
        spanId: (i + 1).toString(16).padStart(16, '0'),
        // A parent among the earlier spans, so one root and any shape below it.
        ...(i === 0 ? {} : { parentSpanId: ((parentPick % i) + 1).toString(16).padStart(16, '0') }),
        startTime: start,
        endTime: start + duration,
      })),
    );

  test('sections lie within the root, do not overlap, and run backwards from its end', () => {
    fc.assert(
      fc.property(spansArb, (spans) => {
        const tree = buildSpanTree(spans);
        const root = tree.roots[0]?.span as TreeSpan;
        const path = criticalPath(tree);
        let cursor = root.endTime;
        for (const s of path) {
          expect(s.end).toBeLessThanOrEqual(cursor);
          expect(s.start).toBeLessThan(s.end);
          expect(s.start).toBeGreaterThanOrEqual(root.startTime);
          const node = tree.nodes.get(s.key);
          expect(node).toBeDefined();
          cursor = s.start;
        }
        // Together they cover the root's whole duration: the path has no gaps.
        const covered = path.reduce((sum, s) => sum + (s.end - s.start), 0);
        expect(covered).toBe(root.endTime - root.startTime);
      }),
    );
  });

  test('a chain 20,000 deep: no stack overflow, every span on the path', () => {
    const depth = 20_000;
    const spans = Array.from({ length: depth }, (_, i): TreeSpan => ({
      traceId: TRACE_A,
      spanId: (i + 1).toString(16).padStart(16, '0'),
      ...(i === 0 ? {} : { parentSpanId: i.toString(16).padStart(16, '0') }),
      startTime: i,
      endTime: 2 * depth - i,
    }));
    const tree = buildSpanTree(spans);
    expect(criticalKeys(criticalPath(tree)).size).toBe(depth);
  });
});
