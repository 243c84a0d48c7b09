import { millisToHrTime } from '@opentelemetry/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MAX_UNIX_NANO, msToUnixNano, unixNanoToMs } from '../../../src/core/otlp/unix-nano';

/** The exact value of a positive double × 10^6, rounded half up: the reference, in BigInt. */
function exactNanos(ms: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, ms);
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = exponent === 0 ? fraction : fraction | (1n << 52n);
  const shift = (exponent === 0 ? 1 : exponent) - 1075;
  const numerator = mantissa * 1_000_000n;
  if (shift >= 0) return numerator << BigInt(shift);
  const denominator = 1n << BigInt(-shift);
  return (2n * numerator + denominator) / (2n * denominator);
}

/** What @opentelemetry/core makes of the same time, as nanoseconds. */
function otelNanos(ms: number): bigint {
  const [seconds, nanos] = millisToHrTime(ms);
  return BigInt(seconds) * 1_000_000_000n + BigInt(nanos);
}

describe('msToUnixNano', () => {
  test('worked values', () => {
    expect(msToUnixNano(1795366947324)).toBe('1795366947324000000');
    // The double nearest 1795366947324.123 is 1795366947324.12304687…: its nanoseconds round up.
    expect(msToUnixNano(1795366947324.123)).toBe('1795366947324123047');
    expect(msToUnixNano(0.5)).toBe('500000');
    expect(msToUnixNano(1 / 128)).toBe('7813');
    expect(msToUnixNano(0.0000004)).toBe('0');
  });

  test('zero, negative and non-finite times are 0; beyond fixed64 is its maximum', () => {
    for (const ms of [0, -1, -0, NaN, -Infinity]) expect(msToUnixNano(ms)).toBe('0');
    expect(msToUnixNano(Infinity)).toBe(MAX_UNIX_NANO.toString());
    expect(msToUnixNano(2e13)).toBe(MAX_UNIX_NANO.toString());
  });

  test('is exact: the double times 10^6, rounded half up', () => {
    fc.assert(
      fc.property(fc.double({ min: Number.MIN_VALUE, max: 1.8e13, noNaN: true }), (ms) => {
        expect(msToUnixNano(ms)).toBe(exactNanos(ms).toString());
      }),
    );
  });

  test('agrees with @opentelemetry/core millisToHrTime for epoch times', () => {
    fc.assert(
      fc.property(fc.double({ min: 1.2e12, max: 1.8e13, noNaN: true }), (ms) => {
        expect(msToUnixNano(ms)).toBe(otelNanos(ms).toString());
      }),
    );
  });
});

describe('unixNanoToMs', () => {
  test('round-trips every epoch time msToUnixNano writes', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e12, max: 1.8e13, noNaN: true }), (ms) => {
        expect(unixNanoToMs(msToUnixNano(ms))).toBe(ms);
      }),
    );
  });

  test('decimal strings within fixed64, and integer numbers', () => {
    expect(unixNanoToMs('1544712660000000000')).toBe(1544712660000);
    expect(unixNanoToMs('1')).toBe(0.000001);
    expect(unixNanoToMs('0')).toBe(0);
    // The double nearest 18446744073709.551615 ms.
    expect(unixNanoToMs(MAX_UNIX_NANO.toString())).toBe(Number('18446744073709.551615'));
    expect(unixNanoToMs(1544712660000000000)).toBe(1544712660000);
  });

  test.each([
    ['-1'],
    ['1.5'],
    ['1e18'],
    [' 1'],
    [''],
    ['18446744073709551616'],
    ['0x10'],
    [1.5],
    [-1],
    [null],
    [{}],
  ])('refuses %j', (value) => {
    expect(unixNanoToMs(value)).toBeNull();
  });
});
