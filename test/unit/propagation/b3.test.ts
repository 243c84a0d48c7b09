import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  formatB3Multi,
  formatB3Single,
  parseB3Multi,
  parseB3Single,
  TRACE_FLAG_SAMPLED,
} from '../../../src/core/propagation/index';
import { getterOf, hostileString, HEXISH, spanContextArb, spanIdArb } from './arbitraries';
import { fcParams, PROPERTY_TIMEOUT_MS } from '../../support/fc-runs';

vi.setConfig({ testTimeout: PROPERTY_TIMEOUT_MS });

const TRACE = '80f198ee56343ba864fe8b2a57d3eff7';
const SPAN = 'e457b5a2e4d86bd1';
const PARENT = '05e3ac9a4f6e3b90';

// Examples from openzipkin/b3-propagation README ("Single Header", "Multiple Headers").
describe('B3 single header: spec examples', () => {
  it.each([
    [
      'all fields',
      `${TRACE}-${SPAN}-1-${PARENT}`,
      { traceId: TRACE, spanId: SPAN, traceFlags: 1, debug: false, parentSpanId: PARENT },
    ],
    ['deny', `${TRACE}-${SPAN}-0`, { traceId: TRACE, spanId: SPAN, traceFlags: 0, debug: false }],
    [
      'debug',
      `${TRACE}-${SPAN}-d-${PARENT}`,
      { traceId: TRACE, spanId: SPAN, traceFlags: 1, debug: true, parentSpanId: PARENT },
    ],
    [
      'decision deferred',
      `${TRACE}-${SPAN}`,
      { traceId: TRACE, spanId: SPAN, traceFlags: 0, debug: false },
    ],
    [
      'parent without a decision',
      `${TRACE}-${SPAN}-${PARENT}`,
      { traceId: TRACE, spanId: SPAN, traceFlags: 0, debug: false, parentSpanId: PARENT },
    ],
    [
      '64-bit trace id, left-padded',
      `a3ce929d0e0e4736-${SPAN}-1`,
      { traceId: '0000000000000000a3ce929d0e0e4736', spanId: SPAN, traceFlags: 1, debug: false },
    ],
    [
      'surrounding OWS',
      ` ${TRACE}-${SPAN}-1\t`,
      { traceId: TRACE, spanId: SPAN, traceFlags: 1, debug: false },
    ],
  ] as const)('parses %s', (_, header, expected) => {
    expect(parseB3Single(header)).toEqual(expected);
  });

  it.each([
    ['a sampling decision alone ("b3: 0")', '0'],
    ['an unknown sampling state', `${TRACE}-${SPAN}-x`],
    ['"true" as sampling state', `${TRACE}-${SPAN}-true`],
    ['uppercase hex', `${TRACE.toUpperCase()}-${SPAN}-1`],
    ['a 24-digit trace id', `${TRACE.slice(8)}-${SPAN}-1`],
    ['an all-zero trace id', `${'0'.repeat(32)}-${SPAN}-1`],
    ['an all-zero span id', `${TRACE}-${'0'.repeat(16)}-1`],
    ['a short parent id', `${TRACE}-${SPAN}-1-05e3ac9a`],
    ['a fifth field', `${TRACE}-${SPAN}-1-${PARENT}-x`],
    ['empty', ''],
  ])('rejects %s', (_, header) => {
    expect(parseB3Single(header)).toBeNull();
  });

  it('reads the first value of a repeated header, as separate lines or folded by fetch', () => {
    expect(parseB3Single([`${TRACE}-${SPAN}-1`, 'garbage'])?.traceId).toBe(TRACE);
    expect(parseB3Single(`${TRACE}-${SPAN}-1, ${'a'.repeat(32)}-${SPAN}-1`)?.traceId).toBe(TRACE);
  });

  it('formats the spec example', () => {
    const ctx = { traceId: TRACE, spanId: SPAN, traceFlags: TRACE_FLAG_SAMPLED };
    expect(formatB3Single(ctx, { debug: false, parentSpanId: PARENT })).toBe(
      `${TRACE}-${SPAN}-1-${PARENT}`,
    );
    expect(formatB3Single(ctx, { debug: true })).toBe(`${TRACE}-${SPAN}-d`);
    expect(formatB3Single({ ...ctx, traceFlags: 2 }, { debug: false })).toBe(`${TRACE}-${SPAN}-0`);
  });
});

describe('B3 multiple headers: spec examples', () => {
  it('parses the README example', () => {
    const get = getterOf([
      ['X-B3-TraceId', '463ac35c9f6413ad48485a3953bb6124'],
      ['X-B3-ParentSpanId', '0020000000000001'],
      ['X-B3-SpanId', 'a2fb4a1d1a96d312'],
      ['X-B3-Sampled', '1'],
    ]);
    expect(parseB3Multi(get)).toEqual({
      traceId: '463ac35c9f6413ad48485a3953bb6124',
      spanId: 'a2fb4a1d1a96d312',
      traceFlags: 1,
      debug: false,
      parentSpanId: '0020000000000001',
    });
  });

  it.each([
    ['1', 1],
    ['0', 0],
    ['true', 1],
    ['false', 0],
  ])('accepts X-B3-Sampled: %s', (sampled, traceFlags) => {
    const get = getterOf([
      ['x-b3-traceid', TRACE],
      ['x-b3-spanid', SPAN],
      ['x-b3-sampled', sampled],
    ]);
    expect(parseB3Multi(get)?.traceFlags).toBe(traceFlags);
  });

  it('reads X-B3-Flags: 1 as debug, which implies sampled', () => {
    const get = getterOf([
      ['x-b3-traceid', TRACE],
      ['x-b3-spanid', SPAN],
      ['x-b3-flags', '1'],
    ]);
    expect(parseB3Multi(get)).toEqual({ traceId: TRACE, spanId: SPAN, traceFlags: 1, debug: true });
  });

  it.each([
    ['no span id', [['x-b3-traceid', TRACE]]],
    ['no trace id', [['x-b3-spanid', SPAN]]],
    [
      'a bad sampled value',
      [
        ['x-b3-traceid', TRACE],
        ['x-b3-spanid', SPAN],
        ['x-b3-sampled', 'yes'],
      ],
    ],
    [
      'a bad trace id',
      [
        ['x-b3-traceid', 'xyz'],
        ['x-b3-spanid', SPAN],
      ],
    ],
  ] as const)('rejects %s', (_, headers) => {
    expect(parseB3Multi(getterOf(headers))).toBeNull();
  });

  it('formats lowercase names; debug replaces sampled', () => {
    const ctx = { traceId: TRACE, spanId: SPAN, traceFlags: 1 };
    expect(formatB3Multi(ctx, { debug: false, parentSpanId: PARENT })).toEqual({
      'x-b3-traceid': TRACE,
      'x-b3-spanid': SPAN,
      'x-b3-parentspanid': PARENT,
      'x-b3-sampled': '1',
    });
    expect(formatB3Multi(ctx, { debug: true })).toEqual({
      'x-b3-traceid': TRACE,
      'x-b3-spanid': SPAN,
      'x-b3-flags': '1',
    });
  });
});

const optsArb = fc.record(
  { debug: fc.boolean(), parentSpanId: spanIdArb },
  { requiredKeys: ['debug'] },
);

/** What a B3 reader must get back: only the sampled bit survives, and debug implies it. */
function expectedB3(ctx: { traceId: string; spanId: string; traceFlags: number }, debug: boolean) {
  return {
    traceId: ctx.traceId,
    spanId: ctx.spanId,
    traceFlags: debug ? 1 : ctx.traceFlags & TRACE_FLAG_SAMPLED,
    debug,
  };
}

describe('B3: properties', () => {
  it('parseB3Single never throws and accepts only valid ids', () => {
    fc.assert(
      fc.property(
        hostileString(HEXISH + 'd', [`${TRACE}-${SPAN}-1-${PARENT}`, `${SPAN}-${SPAN}`]),
        (s) => {
          const parsed = parseB3Single(s);
          if (parsed !== null) {
            expect(parsed.traceId).toMatch(/^[0-9a-f]{32}$/);
            expect(parseB3Single(formatB3Single(parsed, parsed))).toEqual(parsed);
          }
        },
      ),
      fcParams,
    );
  });

  it('parseB3Multi never throws', () => {
    const value = hostileString(HEXISH, [TRACE, SPAN, '1', 'true']);
    fc.assert(
      fc.property(value, value, value, value, (traceId, spanId, sampled, flags) => {
        const parsed = parseB3Multi(
          getterOf([
            ['x-b3-traceid', traceId],
            ['x-b3-spanid', spanId],
            ['x-b3-sampled', sampled],
            ['x-b3-flags', flags],
          ]),
        );
        if (parsed !== null) expect(parsed.spanId).toMatch(/^[0-9a-f]{16}$/);
      }),
      fcParams,
    );
  });

  it('single: format then parse gives back the context, sampled bit and debug', () => {
    fc.assert(
      fc.property(spanContextArb, optsArb, (ctx, opts) => {
        const expected = expectedB3(ctx, opts.debug);
        const parsed = parseB3Single(formatB3Single(ctx, opts));
        expect(parsed).toEqual(
          opts.parentSpanId === undefined
            ? expected
            : { ...expected, parentSpanId: opts.parentSpanId },
        );
      }),
      fcParams,
    );
  });

  it('multi: format then parse gives back the context, sampled bit and debug', () => {
    fc.assert(
      fc.property(spanContextArb, optsArb, (ctx, opts) => {
        const headers = formatB3Multi(ctx, opts);
        const expected = expectedB3(ctx, opts.debug);
        expect(parseB3Multi((name) => headers[name])).toEqual(
          opts.parentSpanId === undefined
            ? expected
            : { ...expected, parentSpanId: opts.parentSpanId },
        );
      }),
      fcParams,
    );
  });
});
