import { ROOT_CONTEXT } from '@opentelemetry/api';
import { SamplingDecision, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  isValidSpanId,
  isValidTraceId,
  newIds,
  newSpanId,
  newTraceId,
  pooledRandom,
  shouldSample,
  type RandomSource,
} from '../../../src/core/propagation/index';
import { sampleWordFromBytes, traceIdSampleWord } from '../../../src/core/propagation/sampling';
import { seededRandom, toHex, traceIdArb } from './arbitraries';
import { fcParams, PROPERTY_TIMEOUT_MS } from '../../support/fc-runs';

vi.setConfig({ testTimeout: PROPERTY_TIMEOUT_MS });

/** A deterministic source: fills with the given bytes, repeated. */
function fixed(...bytes: number[]): RandomSource {
  return (out) => {
    for (let i = 0; i < out.length; i++) out[i] = bytes[i % bytes.length] ?? 0;
  };
}

/** A deterministic source counting up from `start`, one byte at a time. */
function counter(start = 0): RandomSource {
  let next = start;
  return (out) => {
    for (let i = 0; i < out.length; i++) out[i] = next++ & 0xff;
  };
}

describe('ids', () => {
  it('takes trace and span id from one random call, as lowercase hex', () => {
    let calls = 0;
    const source = counter(0xf0);
    const ids = newIds((out) => {
      calls++;
      source(out);
    });
    expect(calls).toBe(1);
    expect(ids).toEqual({
      traceId: 'f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff',
      spanId: '0001020304050607',
    });
  });

  it('never returns an all-zero id', () => {
    expect(newIds(fixed(0))).toEqual({
      traceId: '00000000000000000000000000000001',
      spanId: '0000000000000001',
    });
    expect(newTraceId(fixed(0))).toBe('00000000000000000000000000000001');
    expect(newSpanId(fixed(0))).toBe('0000000000000001');
  });

  it('encodes any random bytes as valid ids', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 24, maxLength: 24 }), (bytes) => {
        const ids = newIds((out) => {
          out.set(bytes);
        });
        expect(isValidTraceId(ids.traceId)).toBe(true);
        expect(isValidSpanId(ids.spanId)).toBe(true);
        if (bytes.some((b, i) => i < 16 && b !== 0))
          expect(ids.traceId).toBe(toHex(bytes.subarray(0, 16)));
        if (bytes.some((b, i) => i >= 16 && b !== 0))
          expect(ids.spanId).toBe(toHex(bytes.subarray(16)));
      }),
      fcParams,
    );
  });
});

describe('pooledRandom', () => {
  it('serves the source bytes in order, calling it once per pool', () => {
    let calls = 0;
    const source = counter();
    const pooled = pooledRandom((out) => {
      calls++;
      source(out);
    }, 64);
    const served: number[] = [];
    for (let i = 0; i < 10; i++) {
      const out = new Uint8Array(24);
      pooled(out);
      served.push(...out);
    }
    // 64-byte pools hold two 24-byte draws; the 16 leftover bytes of each pool are skipped.
    const expected = Array.from({ length: 5 }, (_, pool) =>
      Array.from({ length: 48 }, (_, i) => (pool * 64 + i) & 0xff),
    ).flat();
    expect(served).toEqual(expected);
    expect(calls).toBe(5);
  });

  it('passes requests larger than the pool straight to the source', () => {
    const out = new Uint8Array(100);
    pooledRandom(fixed(7), 64)(out);
    expect(out.every((b) => b === 7)).toBe(true);
  });
});

/** The official sampler's decision for `traceId` at `ratio`. */
function otelSamples(traceId: string, ratio: number): boolean {
  const { decision } = new TraceIdRatioBasedSampler(ratio).shouldSample(ROOT_CONTEXT, traceId);
  return decision === SamplingDecision.RECORD_AND_SAMPLED;
}

describe('shouldSample', () => {
  const id = '4bf92f3577b34da6a3ce929d0e0e4736';

  it('always and never ignore the ratio', () => {
    expect(shouldSample(id, { mode: 'always', ratio: 0 })).toBe(true);
    expect(shouldSample(id, { mode: 'never', ratio: 1 })).toBe(false);
  });

  it.each([0, 1, 0.5, 1e-9, 0.999999, -1, 2, Number.NaN, Infinity])(
    'ratio %d decides like TraceIdRatioBasedSampler',
    (ratio) => {
      for (const traceId of [
        id,
        '00000000000000000000000000000001',
        'ffffffffffffffffffffffffffffffff',
      ]) {
        expect(shouldSample(traceId, { mode: 'ratio', ratio })).toBe(otelSamples(traceId, ratio));
      }
    },
  );

  it('never samples an invalid trace id in ratio mode', () => {
    expect(shouldSample('0'.repeat(32), { mode: 'ratio', ratio: 1 })).toBe(false);
  });

  it('matches TraceIdRatioBasedSampler on random ids and ratios', () => {
    fc.assert(
      fc.property(
        traceIdArb,
        fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.double()),
        (traceId, ratio) => {
          expect(shouldSample(traceId, { mode: 'ratio', ratio })).toBe(otelSamples(traceId, ratio));
        },
      ),
      fcParams,
    );
  });

  it('samples about `ratio` of random traces', () => {
    const random = seededRandom(17);
    let sampled = 0;
    const runs = 20_000;
    for (let i = 0; i < runs; i++) {
      const { traceId } = newIds(random);
      if (shouldSample(traceId, { mode: 'ratio', ratio: 0.25 })) sampled++;
    }
    expect(sampled / runs).toBeGreaterThan(0.2);
    expect(sampled / runs).toBeLessThan(0.3);
  });

  it('reads the same sampling word from bytes as from hex', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        expect(sampleWordFromBytes(bytes, 0)).toBe(traceIdSampleWord(toHex(bytes)));
      }),
      fcParams,
    );
  });
});
