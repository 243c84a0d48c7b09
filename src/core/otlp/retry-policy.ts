/**
 * OTLP/HTTP §"Retryable response codes" and §"Throttling": which export failures are retried, and
 * when. The numbers follow the official JS exporter (otlp-exporter-base, retrying-transport.ts):
 * 1 s first backoff, ×1.5 per retry, capped at 5 s, ±20 % jitter, at most 5 retries.
 */

/** The status codes the spec names as retryable; every other non-2xx is final. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);
export const MAX_RETRIES = 5;
export const INITIAL_BACKOFF_MS = 1000;
export const BACKOFF_MULTIPLIER = 1.5;
export const MAX_BACKOFF_MS = 5000;
export const JITTER = 0.2;
/**
 * A Retry-After beyond this is taken as this: a server asking for an hour must not park the user's
 * spans for an hour without a word (the spans stay stored; the next trigger tries again).
 */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** How one export attempt ended, as far as retrying is concerned. */
export type AttemptOutcome =
  | { readonly kind: 'accepted' }
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string | null }
  /** No response: refused, reset, DNS, offline (fetch's TypeError), or our own timeout. */
  | { readonly kind: 'network'; readonly timedOut: boolean };

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number; readonly honoured: 'retry-after' | 'backoff' }
  | { readonly retry: false };

/** IMF-fixdate, RFC 850 and asctime, the three HTTP-date forms (RFC 9110 §5.6.7). */
const HTTP_DATE =
  /^(?:[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4})$/;

/**
 * RFC 9110 §10.2.3 Retry-After: delay-seconds or an HTTP-date, as a delay from `nowMs` in
 * milliseconds (0 for a date in the past), capped at MAX_RETRY_AFTER_MS; null when absent or
 * malformed (then the backoff applies).
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^\d{1,10}$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  if (!HTTP_DATE.test(text)) return null;
  const at = Date.parse(text.endsWith('GMT') ? text : `${text} GMT`);
  if (!Number.isFinite(at)) return null;
  return Math.min(Math.max(0, at - nowMs), MAX_RETRY_AFTER_MS);
}

/** The backoff before retry number `retry` (0 for the first), with `random` in [0, 1) for jitter. */
export function backoffMs(retry: number, random: () => number): number {
  const base = Math.min(INITIAL_BACKOFF_MS * BACKOFF_MULTIPLIER ** retry, MAX_BACKOFF_MS);
  const jitter = (random() * 2 - 1) * JITTER;
  return Math.max(0, Math.round(base * (1 + jitter)));
}

/**
 * Whether to retry after `outcome`, which ended attempt number `retry` + 1 (so `retry` retries
 * were already made). 429, 502, 503, 504 and dropped connections are retried, honouring
 * Retry-After; anything else, or a sixth failure, is final.
 */
export function retryDecision(
  outcome: AttemptOutcome,
  retry: number,
  nowMs: number,
  random: () => number,
): RetryDecision {
  if (outcome.kind === 'accepted' || retry >= MAX_RETRIES) return { retry: false };
  if (outcome.kind === 'status' && !RETRYABLE_STATUSES.has(outcome.status)) return { retry: false };
  const asked = outcome.kind === 'status' ? parseRetryAfter(outcome.retryAfter, nowMs) : null;
  if (asked !== null) return { retry: true, delayMs: asked, honoured: 'retry-after' };
  return { retry: true, delayMs: backoffMs(retry, random), honoured: 'backoff' };
}
