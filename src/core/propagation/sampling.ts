import { isValidTraceId } from './span-context';

export type SamplingMode = 'always' | 'never' | 'ratio';

export interface Sampling {
  readonly mode: SamplingMode;
  /** Fraction of traces to sample in 'ratio' mode, 0..1; ignored otherwise. */
  readonly ratio: number;
}

const UINT32_MAX = 0xffffffff;
const UINT32_RANGE = 0x100000000;

/** Clamps to [0, 1] with NaN as 0, exactly as TraceIdRatioBasedSampler normalises its ratio. */
function normalizeRatio(ratio: number): number {
  if (Number.isNaN(ratio)) return 0;
  return ratio >= 1 ? 1 : ratio <= 0 ? 0 : ratio;
}

/** Value of one hex digit; callers only pass validated ids. */
function hexValue(c: number): number {
  return c < 58 ? c - 48 : c < 71 ? c - 55 : c - 87;
}

/**
 * XOR of the trace id's four 32-bit words: the same accumulation as OpenTelemetry JS
 * TraceIdRatioBasedSampler (sdk-trace 2.x), so a trace sampled here is sampled by an SDK with the
 * same ratio. `traceId` must be 32 hex digits.
 */
export function traceIdSampleWord(traceId: string): number {
  let accumulation = 0;
  for (let i = 0; i < 32; i += 8) {
    let part = 0;
    for (let j = 0; j < 8; j++) {
      part = (part << 4) | hexValue(traceId.charCodeAt(i + j));
    }
    accumulation = (accumulation ^ part) >>> 0;
  }
  return accumulation;
}

function uint32At(bytes: Uint8Array, offset: number): number {
  return (
    (((bytes[offset] ?? 0) << 24) |
      ((bytes[offset + 1] ?? 0) << 16) |
      ((bytes[offset + 2] ?? 0) << 8) |
      (bytes[offset + 3] ?? 0)) >>>
    0
  );
}

/** traceIdSampleWord of the trace id whose 16 bytes start at `offset`, without going through hex. */
export function sampleWordFromBytes(bytes: Uint8Array, offset: number): number {
  return (
    (uint32At(bytes, offset) ^
      uint32At(bytes, offset + 4) ^
      uint32At(bytes, offset + 8) ^
      uint32At(bytes, offset + 12)) >>>
    0
  );
}

/** The bound a trace's sample word must be below to be sampled (TraceIdRatioBasedSampler). */
export function samplingUpperBound(sampling: Sampling): number {
  switch (sampling.mode) {
    case 'always':
      return UINT32_RANGE;
    case 'never':
      return 0;
    case 'ratio': {
      const ratio = normalizeRatio(sampling.ratio);
      return ratio === 1 ? UINT32_RANGE : Math.floor(ratio * UINT32_MAX);
    }
  }
}

/** Sampling decision for a trace id, deterministic from the id (OpenTelemetry TraceIdRatioBased). */
export function shouldSample(traceId: string, sampling: Sampling): boolean {
  if (sampling.mode === 'always') return true;
  if (sampling.mode === 'never') return false;
  return isValidTraceId(traceId) && traceIdSampleWord(traceId) < samplingUpperBound(sampling);
}
