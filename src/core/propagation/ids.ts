import { hex16Bytes, hex8Bytes } from './hex';

/** Fills `out` with cryptographically strong random bytes, e.g. `(b) => crypto.getRandomValues(b)`. */
export type RandomSource = (out: Uint8Array<ArrayBuffer>) => void;

export interface Ids {
  readonly traceId: string;
  readonly spanId: string;
}

export const TRACE_ID_BYTES = 16;
export const SPAN_ID_BYTES = 8;

// Reused scratch buffers: ids are built synchronously, so one buffer per size is enough and saves an
// allocation per request on the hot path.
const bothBuffer = new Uint8Array(TRACE_ID_BYTES + SPAN_ID_BYTES);
const traceBuffer = new Uint8Array(TRACE_ID_BYTES);
const spanBuffer = new Uint8Array(SPAN_ID_BYTES);

/**
 * An all-zero id is invalid (W3C Trace Context §3.2.2.3/§3.2.2.4), so that one-in-2^64-or-rarer
 * draw becomes ...01, as the OpenTelemetry id generators do.
 */
function makeNonZero(bytes: Uint8Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    if (bytes[i] !== 0) return;
  }
  bytes[to - 1] = 1;
}

/** The trace id in `bytes[offset..offset+16)`, made non-zero in place first. */
export function traceIdFromBytes(bytes: Uint8Array, offset: number): string {
  makeNonZero(bytes, offset, offset + TRACE_ID_BYTES);
  return hex16Bytes(bytes, offset);
}

/** The span id in `bytes[offset..offset+8)`, made non-zero in place first. */
export function spanIdFromBytes(bytes: Uint8Array, offset: number): string {
  makeNonZero(bytes, offset, offset + SPAN_ID_BYTES);
  return hex8Bytes(bytes, offset);
}

/** A random 128-bit trace id and 64-bit span id (lowercase hex) from one call to the random source. */
export function newIds(random: RandomSource): Ids {
  random(bothBuffer);
  return {
    traceId: traceIdFromBytes(bothBuffer, 0),
    spanId: spanIdFromBytes(bothBuffer, TRACE_ID_BYTES),
  };
}

/** A random 128-bit trace id as 32 lowercase hex digits, never all zero. */
export function newTraceId(random: RandomSource): string {
  random(traceBuffer);
  return traceIdFromBytes(traceBuffer, 0);
}

/** A random 64-bit span id as 16 lowercase hex digits, never all zero. */
export function newSpanId(random: RandomSource): string {
  random(spanBuffer);
  return spanIdFromBytes(spanBuffer, 0);
}

/** Default pool for pooledRandom: 4 KiB, about 170 requests' worth of ids per refill. */
export const RANDOM_POOL_BYTES = 4096;

/**
 * Wraps a random source so it is called once per `poolBytes` instead of once per id: a
 * crypto.getRandomValues call costs far more than copying 24 bytes (about 1.7 µs in Node 20), and a
 * request needs only 24. The bytes are the source's own, just drawn ahead of use.
 */
export function pooledRandom(source: RandomSource, poolBytes = RANDOM_POOL_BYTES): RandomSource {
  const pool = new Uint8Array(poolBytes);
  let used = poolBytes;
  return (out) => {
    if (out.length > poolBytes) {
      source(out);
      return;
    }
    if (used + out.length > poolBytes) {
      source(pool);
      used = 0;
    }
    // A loop beats out.set(pool.subarray(...)) for a few bytes: no view object per call.
    for (let i = 0; i < out.length; i++) out[i] = pool[used + i] ?? 0;
    used += out.length;
  };
}
