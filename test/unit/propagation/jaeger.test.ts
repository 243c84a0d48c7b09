import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  formatJaeger,
  jaegerBaggageHeaders,
  parseJaeger,
  parseJaegerBaggage,
} from '../../../src/core/propagation/index';
import { baggageArb, hostileString, HEXISH, spanContextArb, spanIdArb } from './arbitraries';
import { fcParams, PROPERTY_TIMEOUT_MS } from '../../support/fc-runs';

vi.setConfig({ testTimeout: PROPERTY_TIMEOUT_MS });

// Examples and rules from the Jaeger client libraries documentation, "Propagation Format".
describe('uber-trace-id: spec examples', () => {
  it.each([
    [
      '64-bit trace id, parent, sampled',
      '269daf90c4589ce1:5c44cd976d8f8cd9:39e8e549de678267:1',
      {
        traceId: '0000000000000000269daf90c4589ce1',
        spanId: '5c44cd976d8f8cd9',
        traceFlags: 1,
        debug: false,
        parentSpanId: '39e8e549de678267',
      },
    ],
    [
      'padded ids, root parent, two-digit flags',
      '000000000000000000000000deadbeef:00000000deadbef0:00000000:01',
      {
        traceId: '000000000000000000000000deadbeef',
        spanId: '00000000deadbef0',
        traceFlags: 1,
        debug: false,
      },
    ],
    [
      'ids shorter than 16/32 digits are left-padded',
      'deadbeef:beef:0:0',
      {
        traceId: '000000000000000000000000deadbeef',
        spanId: '000000000000beef',
        traceFlags: 0,
        debug: false,
      },
    ],
    [
      'debug (0x02) implies sampled',
      '4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:03',
      {
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b7',
        traceFlags: 1,
        debug: true,
      },
    ],
    [
      'firehose bit (0x08) alone is not sampled',
      '4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:8',
      {
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b7',
        traceFlags: 0,
        debug: false,
      },
    ],
    [
      'uppercase hex',
      '4BF92F3577B34DA6A3CE929D0E0E4736:00F067AA0BA902B7:0:1',
      {
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b7',
        traceFlags: 1,
        debug: false,
      },
    ],
    [
      'URL-encoded colons',
      '4bf92f3577b34da6a3ce929d0e0e4736%3A00f067aa0ba902b7%3A0%3A1',
      {
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b7',
        traceFlags: 1,
        debug: false,
      },
    ],
  ] as const)('parses %s', (_, header, expected) => {
    expect(parseJaeger(header)).toEqual(expected);
  });

  it('reads the first value of a repeated header', () => {
    const first = '4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1';
    expect(parseJaeger(`${first}, 1:2:0:0`)?.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(parseJaeger([first, '1:2:0:0'])?.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it.each([
    ['a trace id of 0', '0:00f067aa0ba902b7:0:1'],
    ['a span id of 0', '4bf92f3577b34da6a3ce929d0e0e4736:0:0:1'],
    ['three fields', '4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:1'],
    ['a 33-digit trace id', '14bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1'],
    ['three-digit flags', '4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:001'],
    ['"0x" flags', '4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:0x01'],
    ['a malformed escape', '4bf92f3577b34da6a3ce929d0e0e4736%3:00f067aa0ba902b7:0:1'],
  ])('rejects %s', (_, header) => {
    expect(parseJaeger(header)).toBeNull();
  });

  it('formats {trace}:{span}:{parent or 0}:{flags}', () => {
    const ctx = {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: 3,
    };
    expect(formatJaeger(ctx, { debug: false })).toBe(`${ctx.traceId}:${ctx.spanId}:0:01`);
    expect(formatJaeger(ctx, { debug: true, parentSpanId: '39e8e549de678267' })).toBe(
      `${ctx.traceId}:${ctx.spanId}:39e8e549de678267:03`,
    );
    expect(formatJaeger({ ...ctx, traceFlags: 2 }, { debug: false })).toBe(
      `${ctx.traceId}:${ctx.spanId}:0:00`,
    );
  });
});

describe('uberctx baggage headers', () => {
  it('URL-encodes values (docs example: "value 1 / blah")', () => {
    expect(jaegerBaggageHeaders([{ key: 'key1', value: 'value 1 / blah' }])).toEqual({
      'uberctx-key1': 'value%201%20%2F%20blah',
    });
  });

  it('lowercases names, keeps the first of clashing keys and skips non-token keys', () => {
    expect(
      jaegerBaggageHeaders([
        { key: 'UserId', value: 'a' },
        { key: 'userid', value: 'b' },
        { key: 'bad key', value: 'c' },
      ]),
    ).toEqual({ 'uberctx-userid': 'a' });
  });

  it('parses uberctx-* headers in any case and skips undecodable values', () => {
    expect(
      parseJaegerBaggage([
        ['uberctx-key1', 'value%201%20%2F%20blah'],
        ['UberCtx-Key2', 'v2'],
        ['uberctx-bad', '%E0%A4%A'],
        ['accept', '*/*'],
      ]),
    ).toEqual([
      { key: 'key1', value: 'value 1 / blah' },
      { key: 'key2', value: 'v2' },
    ]);
  });
});

describe('Jaeger: properties', () => {
  it('parseJaeger never throws and returns lowercase, padded, non-zero ids', () => {
    fc.assert(
      fc.property(
        hostileString(HEXISH, ['4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1', 'a:b:0:3']),
        (s) => {
          const parsed = parseJaeger(s);
          if (parsed !== null) {
            expect(parsed.traceId).toMatch(/^[0-9a-f]{32}$/);
            expect(parsed.spanId).toMatch(/^[0-9a-f]{16}$/);
            expect(parseJaeger(formatJaeger(parsed, parsed))).toEqual(parsed);
          }
        },
      ),
      fcParams,
    );
  });

  it('format then parse gives back the context, sampled bit and debug', () => {
    fc.assert(
      fc.property(
        spanContextArb,
        fc.boolean(),
        fc.option(spanIdArb, { nil: undefined }),
        (ctx, debug, parent) => {
          const opts = parent === undefined ? { debug } : { debug, parentSpanId: parent };
          const base = {
            traceId: ctx.traceId,
            spanId: ctx.spanId,
            traceFlags: debug ? 1 : ctx.traceFlags & 1,
            debug,
          };
          expect(parseJaeger(formatJaeger(ctx, opts))).toEqual(
            parent === undefined ? base : { ...base, parentSpanId: parent },
          );
        },
      ),
      fcParams,
    );
  });

  it('uberctx headers parse back to the entries (lowercase keys)', () => {
    fc.assert(
      fc.property(baggageArb('abcdefghijklmnopqrstuvwxyz0123456789-_', false), (entries) => {
        const headers = Object.entries(jaegerBaggageHeaders(entries));
        expect(parseJaegerBaggage(headers)).toEqual(entries);
      }),
      fcParams,
    );
  });

  it('parseJaegerBaggage never throws', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(hostileString('uberctx-K', ['uberctx-k']), hostileString('%aF9 é', ['%20'])),
          {
            maxLength: 4,
          },
        ),
        (headers) => {
          for (const entry of parseJaegerBaggage(headers)) expect(entry.key).not.toBe('');
        },
      ),
      fcParams,
    );
  });
});
