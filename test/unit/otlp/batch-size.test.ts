import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  MAX_BATCH_BYTES,
  MAX_SPANS_PER_REQUEST,
  splitAfter413,
} from '../../../src/core/otlp/batch-size';

describe('batch limits', () => {
  test('at most 1,000 spans and well under the 64 MiB the spec recommends servers take', () => {
    expect(MAX_SPANS_PER_REQUEST).toBe(1000);
    // OTLP/JSON repeats keys: even at three times the stored size a request stays under 64 MiB.
    expect(MAX_BATCH_BYTES * 3).toBeLessThan(64 * 1024 * 1024);
  });
});

describe('splitAfter413', () => {
  test('halves the batch, down to one span, then gives up', () => {
    const sizes: number[] = [];
    for (
      let size: number | null = MAX_SPANS_PER_REQUEST;
      size !== null;
      size = splitAfter413(size)
    ) {
      sizes.push(size);
    }
    expect(sizes).toEqual([1000, 500, 250, 125, 62, 31, 15, 7, 3, 1]);
  });

  test('always smaller and at least one, for any batch of two or more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 1_000_000 }), (size) => {
        const next = splitAfter413(size);
        return next !== null && next >= 1 && next < size;
      }),
    );
  });

  test('a single span refused as too large cannot be split', () => {
    expect(splitAfter413(1)).toBeNull();
    expect(splitAfter413(0)).toBeNull();
  });
});
