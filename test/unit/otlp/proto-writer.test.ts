/**
 * The protobuf writer's fast paths against the slow, obviously right forms: strings against
 * TextEncoder (lone surrogates included), 64-bit values against BigInt.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ProtoWriter, uint64Words, varintSize } from '../../../src/core/otlp/proto-writer';

/** A field-1 string as the writer writes it, without its key and length prefix. */
function written(value: string): Uint8Array {
  // A small first buffer, so that long strings also make it grow.
  const out = new ProtoWriter(8);
  out.string(1, value);
  const bytes = out.finish();
  let length = 0;
  let at = 1;
  for (let shift = 1; ; shift *= 128) {
    const byte = bytes[at++] ?? 0;
    length += (byte & 0x7f) * shift;
    if (byte < 0x80) break;
  }
  expect(at - 1).toBe(varintSize(length));
  expect(bytes.length).toBe(at + length);
  return bytes.slice(at);
}

const LONE = ['\ud800', '\udfff', 'a\ud83dz', '\udc00\ud800', '𝄞\ud834'];

describe('ProtoWriter.string', () => {
  test.each(LONE)('writes %j as TextEncoder does (U+FFFD for a lone surrogate)', (value) => {
    expect(written(value)).toEqual(new TextEncoder().encode(value));
  });

  test('any string, short or long, is TextEncoder’s bytes behind the right length', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc.string({ unit: 'binary', minLength: 40, maxLength: 300 }),
        ),
        (value) => {
          const bytes = new TextEncoder().encode(value);
          expect(written(value)).toEqual(bytes);
        },
      ),
    );
  });
});

describe('uint64Words', () => {
  test('splits any decimal uint64 into its exact 32-bit words', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (value) => {
        const [low, high] = uint64Words(value.toString());
        expect(BigInt(high) * 2n ** 32n + BigInt(low)).toBe(value);
        expect(low).toBeLessThan(2 ** 32);
        expect(high).toBeLessThan(2 ** 32);
      }),
    );
  });

  test.each(['0', '1', '999999999', '1000000000', '18446744073709551615'])('%s', (decimal) => {
    const [low, high] = uint64Words(decimal);
    expect(BigInt(high) * 2n ** 32n + BigInt(low)).toBe(BigInt(decimal));
  });
});

describe('int64', () => {
  test('any int64 is its two’s complement varint', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (value) => {
        const decimal = value.toString();
        const out = new ProtoWriter(1);
        out.int64(1, decimal);
        const bytes = out.finish();
        expect(bytes.length).toBe(
          value < 0n ? 11 : 1 + Math.max(1, Math.ceil(value.toString(2).length / 7)),
        );
        let v = 0n;
        for (let i = bytes.length - 1; i >= 1; i--) v = (v << 7n) | BigInt((bytes[i] ?? 0) & 0x7f);
        expect(BigInt.asIntN(64, v)).toBe(value);
      }),
    );
  });
});
