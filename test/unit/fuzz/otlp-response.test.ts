/**
 * Fuzz (issue #13): what an OTLP/HTTP backend, a proxy or a misconfigured server answers to an
 * export: the status, the content type, the body (valid JSON and protobuf answers with parts
 * broken, and junk) and Retry-After. The user sees the outcome, so it must read as a sentence.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  describeFailure,
  interpretResponse,
  MAX_SHOWN_MESSAGE,
  type ExportResponse,
} from '../../../src/core/otlp/export-response';
import {
  MAX_BACKOFF_MS,
  JITTER,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
  retryDecision,
} from '../../../src/core/otlp/retry-policy';
import { fcParams, PROPERTY_TIMEOUT_MS } from '../../support/fc-runs';
import { protoType } from '../../support/otlp-protos';
import { brokenStringArb, expectReadable } from './junk';
import { mutatedTextArb } from './mutate';

const encoder = new TextEncoder();

const jsonAnswerArb = fc.constantFrom<unknown>(
  {},
  { partialSuccess: {} },
  { partialSuccess: { rejectedSpans: 3, errorMessage: 'span too large' } },
  { partialSuccess: { rejectedSpans: '12', errorMessage: '' } },
  { code: 3, message: 'invalid trace id', details: [] },
  { error: { code: 401, message: 'bad token' } },
);

const int64Arb = fc.oneof(
  fc.integer({ min: 0, max: 1000 }),
  fc.constantFrom(-1, 2 ** 31, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER),
);

/** Answers encoded with the official protos, then with bytes flipped, cut or spliced in. */
const protoAnswerArb: fc.Arbitrary<Uint8Array> = fc
  .tuple(
    fc.oneof(
      fc.record({ rejected: int64Arb, message: fc.string({ maxLength: 30 }) }).map((p) => {
        const type = protoType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse');
        const partialSuccess = { rejectedSpans: p.rejected, errorMessage: p.message };
        return type.encode(type.create({ partialSuccess })).finish();
      }),
      fc.record({ code: fc.integer(), message: fc.string({ maxLength: 30 }) }).map((s) => {
        const type = protoType('google.rpc.Status');
        return type.encode(type.create(s)).finish();
      }),
    ),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.uint8Array({ maxLength: 3 })), {
      maxLength: 3,
    }),
  )
  .map(([bytes, edits]) => {
    let out = Array.from(bytes);
    for (const [at, cut, insert] of edits) {
      const i = at % (out.length + 1);
      out = [...out.slice(0, i), ...insert, ...out.slice(i + cut)];
    }
    return Uint8Array.from(out);
  });

const bodyArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 3, arbitrary: mutatedTextArb(jsonAnswerArb).map((t) => encoder.encode(t)) },
  { weight: 3, arbitrary: protoAnswerArb },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
  {
    weight: 1,
    arbitrary: fc
      .string({ unit: 'binary', maxLength: 400 })
      .map((s) => encoder.encode(`<html>\n${s}\u0000\r\n</html>`)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', ' ', '\n\t\n', '{"message":" "}').map((s) => encoder.encode(s)),
  },
);

const responseArb: fc.Arbitrary<ExportResponse> = fc.record({
  status: fc.oneof(
    fc.constantFrom(200, 202, 204, 299, 300, 400, 401, 404, 413, 415, 429, 500, 502, 503, 504),
    fc.integer({ min: -1, max: 1000 }),
  ),
  contentType: fc.oneof(
    fc.constantFrom('application/json', 'application/x-protobuf', 'text/html', 'text/plain', ''),
    fc.string({ maxLength: 12 }),
  ),
  body: bodyArb,
  truncated: fc.boolean(),
});

/** One printable line, as the popup and panel show a server's words. */
function expectShown(message: string): void {
  expectReadable(message);
  expect(message.length).toBeLessThanOrEqual(MAX_SHOWN_MESSAGE + 2);
  const controls = Array.from({ length: message.length }, (_, i) => message.charCodeAt(i)).filter(
    (c) => c < 0x20 || c === 0x7f,
  );
  expect(controls).toEqual([]);
}

describe('interpretResponse over hostile answers', () => {
  test(
    'never throws or touches the body; 2xx is accepted with a count, anything else explained',
    () => {
      fc.assert(
        fc.property(responseArb, (response) => {
          const body = Buffer.from(response.body);
          const meaning = interpretResponse(response);
          // Compared as a Buffer: toEqual walks a typed array element by element, slowly.
          expect(body.equals(response.body)).toBe(true);
          expect(meaning.accepted).toBe(response.status >= 200 && response.status < 300);
          if (meaning.accepted) {
            expect(Number.isSafeInteger(meaning.rejectedSpans)).toBe(true);
            expect(meaning.rejectedSpans).toBeGreaterThanOrEqual(0);
            if (meaning.message !== null) expectShown(meaning.message);
            return;
          }
          expect(meaning.status).toBe(response.status);
          expectShown(meaning.message);
          const sentence = describeFailure(meaning.status, meaning.message);
          expect(sentence).toContain(meaning.message);
        }),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

const NOW = Date.UTC(2026, 11, 1, 8);
const retryAfterArb = brokenStringArb(
  fc.constantFrom(
    '120',
    ' 5 ',
    'Tue, 01 Dec 2026 08:00:05 GMT',
    'Tuesday, 01-Dec-26 08:00:07 GMT',
    'Tue Dec  1 08:00:09 2026',
    'Wed, 01 Dec 2027 08:00:00 GMT',
  ),
);

describe('Retry-After and the retry decision over hostile answers', () => {
  test(
    'parseRetryAfter never throws; a delay is whole milliseconds from 0 to the cap',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(retryAfterArb, fc.constantFrom(null, undefined)),
          fc.integer({ min: 0, max: 4_102_444_800_000 }),
          (value, now) => {
            const delay = parseRetryAfter(value, now);
            if (delay === null) return;
            expect(Number.isSafeInteger(delay)).toBe(true);
            expect(delay >= 0 && delay <= MAX_RETRY_AFTER_MS).toBe(true);
          },
        ),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  test(
    'retryDecision never throws; a retry waits a finite, bounded time',
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: -1, max: 1000 }),
          fc.option(retryAfterArb, { nil: null }),
          fc.nat({ max: 8 }),
          fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
          (status, retryAfter, retry, random) => {
            const decision = retryDecision(
              { kind: 'status', status, retryAfter },
              retry,
              NOW,
              () => random,
            );
            if (!decision.retry) return;
            const cap =
              decision.honoured === 'retry-after'
                ? MAX_RETRY_AFTER_MS
                : MAX_BACKOFF_MS * (1 + JITTER);
            expect(Number.isFinite(decision.delayMs)).toBe(true);
            expect(decision.delayMs >= 0 && decision.delayMs <= cap).toBe(true);
          },
        ),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
