import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { sameValue } from '../../../src/core/config/same-value';
import { FC_OPTIONS } from './arbitraries';

/** The same value with object keys reordered at every depth: reversed, or sorted. */
function reordered(value: unknown, order: 'reverse' | 'sort' = 'reverse'): unknown {
  if (Array.isArray(value)) return value.map((v) => reordered(v, order));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  if (order === 'reverse') entries.reverse();
  else entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, reordered(v, order)]));
}

describe('sameValue', () => {
  test.each([
    [{ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: undefined }, false],
    [{ a: [1, 2] }, { a: [2, 1] }, false],
    [[], {}, false],
    [null, {}, false],
    [{ a: null }, { a: null }, true],
    ['1', 1, false],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(sameValue(a, b)).toBe(expected);
    expect(sameValue(b, a)).toBe(expected);
  });

  test('key order never matters, and any change in content does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(sameValue(a, reordered(a))).toBe(true);
        expect(sameValue(a, b)).toBe(sameValue(b, a));
        // Serialized with sorted keys, different content gives different text.
        if (JSON.stringify(reordered(a, 'sort')) !== JSON.stringify(reordered(b, 'sort'))) {
          expect(sameValue(a, b)).toBe(false);
        }
      }),
      FC_OPTIONS,
    );
  });
});
