/**
 * Fuzz (issue #13): one request's propagation headers, valid ones with parts broken, through every
 * parser at once and through `extract`. Each parser's own properties (test/unit/propagation) cover
 * its grammar; this covers the header set as a page can send it: repeated lines, huge values, one
 * format broken beside another that is valid.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  EXTRACT_ORDER,
  extract,
  formatB3Multi,
  formatB3Single,
  formatBaggage,
  formatJaeger,
  formatTraceparent,
  formatTracestate,
  isValidTracestateKey,
  isValidTracestateValue,
  jaegerBaggageHeaders,
  parseB3Multi,
  parseB3Single,
  parseBaggage,
  parseJaeger,
  parseJaegerBaggage,
  parseTraceparent,
  parseTracestate,
  TRACESTATE_MAX_MEMBERS,
  type SpanContext,
} from '../../../src/core/propagation';
import { fcParams, PROPERTY_TIMEOUT_MS } from '../../support/fc-runs';
import {
  baggageArb,
  getterOf,
  HEXISH,
  hostileString,
  spanContextArb,
  traceStateArb,
} from '../propagation/arbitraries';
import { hugeStringArb } from './junk';
import { mutatedArb } from './mutate';

type Line = readonly [string, string];

/** Every header of every format for one context, as our own injector would write them. */
const validLinesArb: fc.Arbitrary<Line[]> = fc
  .record({
    ctx: spanContextArb,
    debug: fc.boolean(),
    state: traceStateArb(6),
    baggage: baggageArb(),
  })
  .map(({ ctx, debug, state, baggage }) => [
    ['traceparent', formatTraceparent(ctx)],
    ['tracestate', formatTracestate(state)],
    ['baggage', formatBaggage(baggage)],
    ['b3', formatB3Single(ctx, { debug })],
    ...Object.entries(formatB3Multi(ctx, { debug })),
    ['uber-trace-id', formatJaeger(ctx, { debug })],
    ...Object.entries(jaegerBaggageHeaders(baggage)),
  ]);

const valueJunkArb = fc.oneof(
  { weight: 4, arbitrary: hostileString(HEXISH + '=@*/%', ['00-', 'a=1', '1', 'd']) },
  { weight: 1, arbitrary: hugeStringArb },
);

/** A header set with lines edited, swapped, repeated, dropped or replaced; only text survives. */
const linesArb: fc.Arbitrary<Line[]> = mutatedArb(validLinesArb, valueJunkArb).map((doc) =>
  (Array.isArray(doc) ? (doc as unknown[]) : []).filter(
    (line): line is Line =>
      Array.isArray(line) &&
      line.length === 2 &&
      typeof line[0] === 'string' &&
      typeof line[1] === 'string',
  ),
);

const TRACE_ID = /^(?!0+$)[0-9a-f]{32}$/;
const SPAN_ID = /^(?!0+$)[0-9a-f]{16}$/;

function expectContext(ctx: SpanContext): void {
  expect(ctx.traceId).toMatch(TRACE_ID);
  expect(ctx.spanId).toMatch(SPAN_ID);
  expect(Number.isInteger(ctx.traceFlags) && ctx.traceFlags >= 0 && ctx.traceFlags <= 255).toBe(
    true,
  );
}

/** Each parser on its header: every context it returns is valid and writes back as itself. */
function checkAll(lines: readonly Line[]): void {
  const get = getterOf(lines);
  const traceparent = get('traceparent');
  const traceparentCtx = traceparent === undefined ? null : parseTraceparent(traceparent);
  if (traceparentCtx !== null) {
    expectContext(traceparentCtx);
    expect(parseTraceparent(formatTraceparent(traceparentCtx))).toEqual(traceparentCtx);
  }
  const tracestate = get('tracestate');
  if (tracestate !== undefined) {
    const state = parseTracestate(tracestate);
    if (state !== null) {
      expect(state.length).toBeLessThanOrEqual(TRACESTATE_MAX_MEMBERS);
      for (const [key, value] of state) {
        expect(isValidTracestateKey(key) && isValidTracestateValue(value)).toBe(true);
      }
      expect(parseTracestate(formatTracestate(state))).toEqual(state);
    }
  }
  const baggage = get('baggage');
  if (baggage !== undefined) {
    for (const entry of parseBaggage(baggage)) {
      expect(entry.key).not.toBe('');
      expect(parseBaggage(formatBaggage([entry]))).toEqual([entry]);
    }
  }
  const b3 = get('b3');
  const b3Single = b3 === undefined ? null : parseB3Single(b3);
  const b3Multi = parseB3Multi(get);
  for (const ctx of [b3Single, b3Multi]) {
    if (ctx === null) continue;
    expectContext(ctx);
    if (ctx.parentSpanId !== undefined) expect(ctx.parentSpanId).toMatch(SPAN_ID);
    expect(parseB3Single(formatB3Single(ctx, ctx))).toEqual(ctx);
  }
  const uber = get('uber-trace-id');
  const jaeger = uber === undefined ? null : parseJaeger(uber);
  if (jaeger !== null) {
    expectContext(jaeger);
    expect(parseJaeger(formatJaeger(jaeger, jaeger))).toEqual(jaeger);
  }
  for (const entry of parseJaegerBaggage(lines)) {
    expect(entry.key).toBe(entry.key.toLowerCase());
    expect(entry.key).not.toBe('');
  }
  // extract: the context of the first format in order whose header parses, ids and flags only.
  const byFormat = { traceparent: traceparentCtx, b3: b3Single ?? b3Multi, jaeger };
  const first = EXTRACT_ORDER.find((format) => byFormat[format] !== null);
  const found = extract(get, EXTRACT_ORDER);
  if (first === undefined) {
    expect(found).toBeNull();
  } else {
    const { traceId, spanId, traceFlags } = byFormat[first] as SpanContext;
    expect(found).toEqual({ context: { traceId, spanId, traceFlags }, format: first });
  }
}

describe('propagation headers, valid ones broken', () => {
  test(
    'no parser throws or touches the lines; what each returns is valid and writes back as itself',
    () => {
      fc.assert(
        fc.property(linesArb, (lines) => {
          const before = structuredClone(lines);
          checkAll(lines);
          expect(lines).toEqual(before);
        }),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
