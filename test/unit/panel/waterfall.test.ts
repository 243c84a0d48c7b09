import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  barOf,
  MIN_BAR_WIDTH_PERCENT,
  rangeOf,
  rowBars,
  ticks,
  tickStep,
  zoomRange,
} from '../../../src/devtools/panel/model/waterfall';

const RANGE = { start: 1000, end: 2000 };

describe('barOf', () => {
  test('a span inside the range: its share of the column', () => {
    expect(barOf(1250, 1500, RANGE)).toEqual({ left: 25, width: 25, inRange: true });
    expect(barOf(1000, 2000, RANGE)).toEqual({ left: 0, width: 100, inRange: true });
  });

  test('a very short span is at least the minimum width, and stays inside the column', () => {
    expect(barOf(1500, 1500.01, RANGE)).toEqual({
      left: 50,
      width: MIN_BAR_WIDTH_PERCENT,
      inRange: true,
    });
    expect(barOf(2000, 2000, RANGE)).toEqual({
      left: 100 - MIN_BAR_WIDTH_PERCENT,
      width: MIN_BAR_WIDTH_PERCENT,
      inRange: true,
    });
    expect(barOf(1500, 1500, RANGE, 2).width).toBe(2);
  });

  test('a span sticking out is clipped to the range; one outside it is a sliver, not in range', () => {
    expect(barOf(500, 1100, RANGE)).toEqual({ left: 0, width: 10, inRange: true });
    expect(barOf(1900, 2500, RANGE)).toEqual({ left: 90, width: 10, inRange: true });
    expect(barOf(2100, 2200, RANGE)).toMatchObject({
      inRange: false,
      left: 100 - MIN_BAR_WIDTH_PERCENT,
    });
    expect(barOf(100, 200, RANGE)).toMatchObject({ inRange: false, left: 0 });
  });

  test('an empty range (one instant) divides without NaN', () => {
    expect(barOf(5, 5, { start: 5, end: 5 })).toEqual({
      left: 0,
      width: MIN_BAR_WIDTH_PERCENT,
      inRange: true,
    });
  });

  test('every bar is within [0, 100] and at least the minimum width', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (start, duration, rangeStart, length) => {
          const bar = barOf(start, start + duration, {
            start: rangeStart,
            end: rangeStart + length,
          });
          expect(bar.left).toBeGreaterThanOrEqual(0);
          expect(bar.width).toBeGreaterThanOrEqual(MIN_BAR_WIDTH_PERCENT);
          expect(bar.left + bar.width).toBeLessThanOrEqual(100 + 1e-9);
        },
      ),
    );
  });
});

test('rangeOf and rowBars', () => {
  expect(
    rangeOf([
      { startTime: 10, endTime: 20 },
      { startTime: 5, endTime: 12 },
    ]),
  ).toEqual({ start: 5, end: 20 });
  expect(rangeOf([])).toEqual({ start: 0, end: 0 });
  expect(rowBars([{ startTime: 1500, duration: 100 }], RANGE)).toEqual([
    { left: 50, width: 10, inRange: true },
  ]);
});

describe('ticks', () => {
  test('steps are 1, 2 or 5 × a power of ten', () => {
    expect(tickStep(1000, 5)).toBe(200);
    expect(tickStep(1000, 10)).toBe(100);
    expect(tickStep(30_000, 6)).toBe(5000);
    expect(tickStep(0.7, 7)).toBe(0.1);
    expect(tickStep(90, 10)).toBe(10);
  });

  test('start at 0, evenly placed, within the range', () => {
    expect(ticks(RANGE, 5)).toEqual([
      { offset: 0, left: 0 },
      { offset: 200, left: 20 },
      { offset: 400, left: 40 },
      { offset: 600, left: 60 },
      { offset: 800, left: 80 },
      { offset: 1000, left: 100 },
    ]);
    expect(ticks(RANGE, 4).map((t) => t.offset)).toEqual([0, 500, 1000]);
  });
});

test('zoomRange: a drag between two fractions of the width, either way round', () => {
  expect(zoomRange(RANGE, 0.25, 0.5)).toEqual({ start: 1250, end: 1500 });
  expect(zoomRange(RANGE, 0.5, 0.25)).toEqual({ start: 1250, end: 1500 });
  expect(zoomRange(RANGE, -1, 2)).toEqual(RANGE);
});
