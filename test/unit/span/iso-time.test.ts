import fc from 'fast-check';
import { expect, test } from 'vitest';
import { MAX_EPOCH_MS, parseIsoTime } from '../../../src/core/span/index';
import { fcParams, PROPERTY_TIMEOUT_MS } from '../../support/fc-runs';

test.each([
  ['2026-11-22T17:02:27.324Z', Date.UTC(2026, 10, 22, 17, 2, 27, 324)],
  ['2026-11-22T17:02:27Z', Date.UTC(2026, 10, 22, 17, 2, 27)],
  // Firefox writes the local offset
  ['2015-05-29T16:10:30.424+02:00', Date.UTC(2015, 4, 29, 14, 10, 30, 424)],
  ['2015-05-29T16:10:30.424-05:30', Date.UTC(2015, 4, 29, 21, 40, 30, 424)],
  // sub-millisecond digits are kept as a fraction
  ['2026-01-01T00:00:00.123456Z', Date.UTC(2026, 0, 1) + 123.456],
  ['2024-02-29T12:00:00Z', Date.UTC(2024, 1, 29, 12)],
  ['1970-01-01T00:00:00.000Z', 0],
])('%s', (value, expected) => {
  expect(parseIsoTime(value)).toBeCloseTo(expected, 6);
});

test.each([
  '',
  '1',
  '2026',
  '2026-11-22',
  '2026-11-22 17:02:27Z',
  '2026-11-22T17:02:27',
  '2026-13-01T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '2025-02-29T00:00:00Z',
  '2026-11-22T24:00:00Z',
  '2026-11-22T17:60:00Z',
  '2026-11-22T17:02:27+24:00',
  '1969-12-31T23:59:59Z',
  '0099-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  ' 2026-11-22T17:02:27Z',
  'Sun, 22 Nov 2026 17:02:27 GMT',
])('%s is refused', (value) => {
  expect(parseIsoTime(value)).toBeNull();
});

test('non-strings are refused', () => {
  for (const value of [undefined, null, 0, 1795367114429, {}, []]) {
    expect(parseIsoTime(value)).toBeNull();
  }
});

test(
  'property: agrees with Date for every toJSON string in range',
  () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_EPOCH_MS }), (ms) => {
        expect(parseIsoTime(new Date(ms).toJSON())).toBe(ms);
      }),
      fcParams,
    );
  },
  PROPERTY_TIMEOUT_MS,
);
