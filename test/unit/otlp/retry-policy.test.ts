import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  backoffMs,
  INITIAL_BACKOFF_MS,
  JITTER,
  MAX_BACKOFF_MS,
  MAX_RETRIES,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
  retryDecision,
} from '../../../src/core/otlp/retry-policy';

const NOW = Date.parse('2026-12-01T08:00:00Z');
const half = () => 0.5; // no jitter

describe('parseRetryAfter (RFC 9110 §10.2.3)', () => {
  test.each([
    ['1', 1000],
    [' 120 ', 120_000],
    ['0', 0],
    ['Tue, 01 Dec 2026 08:00:05 GMT', 5000], // IMF-fixdate
    ['Tuesday, 01-Dec-26 08:00:07 GMT', 7000], // RFC 850
    ['Tue Dec  1 08:00:09 2026', 9000], // asctime
    ['Tue, 01 Dec 2026 07:00:00 GMT', 0], // in the past: now
    ['99999999', MAX_RETRY_AFTER_MS], // capped
    ['Wed, 01 Dec 2027 08:00:00 GMT', MAX_RETRY_AFTER_MS],
  ])('%j → %d ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  test.each([null, undefined, '', '-1', '1.5', 'soon', '2026-12-01T08:00:05Z', 'Tue, 32 Foo 2026'])(
    '%j is no Retry-After',
    (value) => {
      expect(parseRetryAfter(value, NOW)).toBeNull();
    },
  );

  test('never throws, and a delay is never negative', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const delay = parseRetryAfter(value, NOW);
        if (delay !== null) {
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(MAX_RETRY_AFTER_MS);
        }
      }),
    );
  });
});

describe('backoffMs', () => {
  test('1 s, then ×1.5, capped at 5 s', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffMs(n, half))).toEqual([
      1000, 1500, 2250, 3375, 5000, 5000,
    ]);
  });

  test('jitter stays within ±20 %', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 10 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, r) => {
          const base = Math.min(INITIAL_BACKOFF_MS * 1.5 ** n, MAX_BACKOFF_MS);
          const delay = backoffMs(n, () => r);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(base * (1 - JITTER)));
          expect(delay).toBeLessThanOrEqual(Math.ceil(base * (1 + JITTER)));
        },
      ),
    );
  });
});

describe('retryDecision (OTLP/HTTP retryable responses)', () => {
  test.each([429, 502, 503, 504])('%d is retried with backoff', (status) => {
    expect(retryDecision({ kind: 'status', status }, 0, NOW, half)).toEqual({
      retry: true,
      delayMs: 1000,
      honoured: 'backoff',
    });
  });

  test.each([400, 401, 403, 404, 405, 413, 415, 500, 501, 505, 302])('%d is final', (status) => {
    expect(retryDecision({ kind: 'status', status }, 0, NOW, half)).toEqual({ retry: false });
  });

  test('Retry-After wins over the backoff, in seconds or as a date', () => {
    expect(retryDecision({ kind: 'status', status: 503, retryAfter: '1' }, 0, NOW, half)).toEqual({
      retry: true,
      delayMs: 1000,
      honoured: 'retry-after',
    });
    const date = 'Tue, 01 Dec 2026 08:00:03 GMT';
    expect(
      retryDecision({ kind: 'status', status: 429, retryAfter: date }, 2, NOW, half),
    ).toMatchObject({
      delayMs: 3000,
      honoured: 'retry-after',
    });
  });

  test('a dropped connection or a timeout is retried; an accepted batch is not', () => {
    expect(retryDecision({ kind: 'network', timedOut: false }, 1, NOW, half)).toMatchObject({
      retry: true,
      delayMs: 1500,
    });
    expect(retryDecision({ kind: 'network', timedOut: true }, 0, NOW, half)).toMatchObject({
      retry: true,
    });
    expect(retryDecision({ kind: 'accepted' }, 0, NOW, half)).toEqual({ retry: false });
  });

  test(`after ${String(MAX_RETRIES)} retries, nothing more`, () => {
    expect(retryDecision({ kind: 'status', status: 503 }, MAX_RETRIES - 1, NOW, half).retry).toBe(
      true,
    );
    expect(retryDecision({ kind: 'status', status: 503 }, MAX_RETRIES, NOW, half).retry).toBe(
      false,
    );
  });
});
