/**
 * How many spans go in one export request (OTLP/HTTP: the server may refuse a large request with
 * 413, "the client SHOULD split the batch"; the recommended request limit is 64 MiB).
 */

/** At most this many spans per request. */
export const MAX_SPANS_PER_REQUEST = 1000;
/**
 * At most this many bytes of span JSON per request (the store's measure of a span), far below
 * 64 MiB even as OTLP/JSON, which repeats every attribute key.
 */
export const MAX_BATCH_BYTES = 8 * 1024 * 1024;

/** After a 413: half the batch, at least one span; null when one span is already too large. */
export function splitAfter413(size: number): number | null {
  if (size <= 1) return null;
  return Math.max(1, Math.floor(size / 2));
}
