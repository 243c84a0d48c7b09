import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  createInjector,
  extract,
  formatTraceparent,
  isPropagationHeader,
  parseBaggage,
  parseTraceparent,
  parseTracestate,
  shouldSample,
  TRACE_FLAG_RANDOM,
  TRACE_FLAG_SAMPLED,
  type PropagationSettings,
} from '../../../src/core/propagation/index';
import { getterOf, hostileString, seededRandom } from './arbitraries';
import { fcParams, PROPERTY_TIMEOUT_MS } from '../../support/fc-runs';

vi.setConfig({ testTimeout: PROPERTY_TIMEOUT_MS });

const SETTINGS: PropagationSettings = {
  traceparent: true,
  baggage: true,
  tracestate: 'me=1',
  b3: 'single',
  jaeger: true,
  baggageEntries: [
    { key: 'userId', value: 'alice' },
    { key: 'env', value: 'dev test' },
  ],
  sampling: { mode: 'always', ratio: 1 },
  debug: false,
  existingHeader: 'keep',
};

const PAGE_TRACE = '12345678901234567890123456789012';
const PAGE_TRACEPARENT = `00-${PAGE_TRACE}-1234567890123456-01`;
const NO_HEADERS = getterOf([]);

function inject(
  overrides: Partial<PropagationSettings>,
  headers: readonly (readonly [string, string])[] = [],
) {
  return createInjector({ ...SETTINGS, ...overrides }).inject(getterOf(headers), seededRandom(1));
}

describe('createInjector().inject', () => {
  it('writes every enabled format in one call, for one fresh context', () => {
    const { headers, context, source, remove } = inject({});
    expect(source).toBe('extension');
    expect(remove).toEqual([]);
    const { traceId, spanId } = context;
    expect(headers).toEqual({
      traceparent: `00-${traceId}-${spanId}-03`,
      tracestate: 'me=1',
      b3: `${traceId}-${spanId}-1`,
      'uber-trace-id': `${traceId}:${spanId}:0:01`,
      baggage: 'userId=alice,env=dev%20test',
      'uberctx-userid': 'alice',
      'uberctx-env': 'dev%20test',
    });
  });

  it('leaves the headers of formats that are off absent', () => {
    const { headers } = inject({ traceparent: false, b3: 'off', jaeger: false, baggage: false });
    expect(headers).toEqual({});
    const onlyB3Multi = inject({ traceparent: false, b3: 'multi', jaeger: false, baggage: false });
    expect(Object.keys(onlyB3Multi.headers).sort()).toEqual([
      'x-b3-sampled',
      'x-b3-spanid',
      'x-b3-traceid',
    ]);
  });

  it('sets the random flag, and the sampled flag from the sampler', () => {
    const random = seededRandom(2);
    for (const sampling of [
      { mode: 'never', ratio: 1 },
      { mode: 'ratio', ratio: 0.5 },
    ] as const) {
      const injector = createInjector({ ...SETTINGS, sampling });
      for (let i = 0; i < 200; i++) {
        const { context, headers } = injector.inject(NO_HEADERS, random);
        const sampled = shouldSample(context.traceId, sampling);
        expect(context.traceFlags).toBe(TRACE_FLAG_RANDOM | (sampled ? TRACE_FLAG_SAMPLED : 0));
        expect(headers['b3']?.endsWith(sampled ? '-1' : '-0')).toBe(true);
      }
    }
  });

  it('debug sets b3 "d", X-B3-Flags: 1 and the Jaeger debug bit, and forces sampled', () => {
    const single = inject({ debug: true, sampling: { mode: 'never', ratio: 0 } });
    const { traceId, spanId } = single.context;
    expect(single.context.traceFlags).toBe(TRACE_FLAG_RANDOM | TRACE_FLAG_SAMPLED);
    expect(single.headers['b3']).toBe(`${traceId}-${spanId}-d`);
    expect(single.headers['uber-trace-id']).toBe(`${traceId}:${spanId}:0:03`);
    const multi = inject({ debug: true, b3: 'multi' });
    expect(multi.headers['x-b3-flags']).toBe('1');
    expect(multi.headers).not.toHaveProperty('x-b3-sampled');
  });

  it('uses fresh ids on every call', () => {
    const injector = createInjector(SETTINGS);
    const random = seededRandom(3);
    const spans = new Set<string>();
    for (let i = 0; i < 100; i++) spans.add(injector.inject(NO_HEADERS, random).context.spanId);
    expect(spans.size).toBe(100);
  });
});

describe('existing header policy', () => {
  it.each([
    ['traceparent', [['traceparent', PAGE_TRACEPARENT]]],
    ['b3 single', [['b3', `${PAGE_TRACE}-1234567890123456-1`]]],
    [
      'b3 multi',
      [
        ['X-B3-TraceId', PAGE_TRACE],
        ['X-B3-SpanId', '1234567890123456'],
      ],
    ],
    ['jaeger', [['uber-trace-id', `${PAGE_TRACE}:1234567890123456:0:1`]]],
  ] as const)('keep: leaves a page %s context alone and appends to its baggage', (_, headers) => {
    const result = inject({}, [...headers, ['baggage', 'userId=page,other=1']]);
    expect(result.source).toBe('page');
    expect(result.context.traceId).toBe(PAGE_TRACE);
    expect(result.headers).toEqual({
      baggage: 'userId=page,other=1,env=dev%20test',
      'uberctx-userid': 'alice',
      'uberctx-env': 'dev%20test',
    });
  });

  it("keep: the page's baggage goes out as written, odd members and all, with ours appended", () => {
    const own = 'a=1 ;p=v , bad key=2,%zz=3, userId = page';
    expect(inject({}, [['baggage', own]]).headers['baggage']).toBe(`${own},env=dev%20test`);
  });

  it("keep: nothing fits or nothing is new, so the page's baggage is not written at all", () => {
    expect(inject({}, [['baggage', 'userId=a,env=b']]).headers).not.toHaveProperty('baggage');
    const full = Array.from({ length: 64 }, (_, i) => `k${String(i)}=v`).join(',');
    expect(inject({}, [['baggage', full]]).headers).not.toHaveProperty('baggage');
    const long = `big=${'x'.repeat(8180)}`;
    expect(inject({}, [['baggage', long]]).headers).not.toHaveProperty('baggage');
  });

  it('replace: ours first and winning, then the rest of the page baggage', () => {
    const result = inject({ existingHeader: 'replace' }, [['baggage', 'userId=page,other=1']]);
    expect(result.headers['baggage']).toBe('userId=alice,env=dev%20test,other=1');
  });

  it('keep: a page context in any format is found even when that format is off', () => {
    const result = inject({ b3: 'off', jaeger: false }, [
      ['b3', `${PAGE_TRACE}-1234567890123456-1`],
    ]);
    expect(result.source).toBe('page');
  });

  it('keep: an invalid or duplicated traceparent restarts the trace', () => {
    for (const headers of [
      [['traceparent', '00-00000000000000000000000000000000-1234567890123456-01']],
      [
        ['traceparent', PAGE_TRACEPARENT],
        ['traceparent', PAGE_TRACEPARENT],
      ],
    ] as const) {
      const result = inject({}, headers);
      expect(result.source).toBe('extension');
      expect(result.context.traceId).not.toBe(PAGE_TRACE);
    }
  });

  it('replace: writes a fresh context over the page one, keeping its valid tracestate', () => {
    const result = inject({ existingHeader: 'replace' }, [
      ['traceparent', PAGE_TRACEPARENT],
      ['tracestate', 'me=old,rojo=00f067aa0ba902b7'],
    ]);
    expect(result.source).toBe('extension');
    expect(result.context.traceId).not.toBe(PAGE_TRACE);
    expect(result.headers['traceparent']).toBe(formatTraceparent(result.context));
    expect(result.headers['tracestate']).toBe('me=1,rojo=00f067aa0ba902b7');
  });

  it('drops the tracestate of an invalid traceparent (W3C Trace Context §3.3)', () => {
    const tracestate = ['tracestate', 'foo=1'] as const;
    expect(inject({}, [tracestate]).headers['tracestate']).toBe('me=1');
    const noEntry = inject({ tracestate: '' }, [['traceparent', 'garbage'], tracestate]);
    expect(noEntry.headers).not.toHaveProperty('tracestate');
    expect(noEntry.remove).toEqual(['tracestate']);
  });

  it('drops an invalid tracestate even with a valid traceparent', () => {
    const result = inject({ existingHeader: 'replace', tracestate: '' }, [
      ['traceparent', PAGE_TRACEPARENT],
      ['tracestate', 'FOO=1'],
    ]);
    expect(result.remove).toEqual(['tracestate']);
  });

  it('removes page B3 headers that would contradict ours', () => {
    const page = [
      ['x-b3-traceid', PAGE_TRACE],
      ['x-b3-spanid', 'zzzz'],
      ['x-b3-flags', '1'],
      ['b3', 'junk'],
    ] as const;
    expect(inject({}, page).remove).toEqual(['x-b3-traceid', 'x-b3-spanid', 'x-b3-flags']);
    expect(inject({ b3: 'multi' }, page).remove).toEqual(['b3', 'x-b3-flags']);
    expect(inject({ b3: 'multi', debug: true }, page).remove).toEqual(['b3']);
  });

  it('removes page trace headers of formats that are off when our context replaces the page one', () => {
    const page = [
      ['traceparent', PAGE_TRACEPARENT],
      ['tracestate', 'foo=1'],
      ['x-b3-traceid', PAGE_TRACE],
      ['uber-trace-id', `${PAGE_TRACE}:1234567890123456:0:1`],
    ] as const;
    const result = inject({ existingHeader: 'replace', traceparent: false, b3: 'off' }, page);
    expect(result.remove).toEqual(['traceparent', 'tracestate', 'x-b3-traceid']);
    expect(result.headers['uber-trace-id']).toBe(
      `${result.context.traceId}:${result.context.spanId}:0:01`,
    );
  });
});

describe('isPropagationHeader', () => {
  it.each([
    ['traceparent', true],
    ['TraceState', true],
    ['baggage', true],
    ['B3', true],
    ['X-B3-TraceId', true],
    ['x-b3-flags', true],
    ['Uber-Trace-Id', true],
    ['uberctx-userid', true],
    ['UberCtx-Anything', true],
    ['accept', false],
    ['x-b3', false],
    ['uberctx', false],
  ])('%s → %s', (name, expected) => {
    expect(isPropagationHeader(name)).toBe(expected);
  });
});

describe('createInjector().headersFor', () => {
  it('writes the enabled headers for a fixed context', () => {
    const context = { traceId: PAGE_TRACE, spanId: '1234567890123456', traceFlags: 1 };
    expect(createInjector({ ...SETTINGS, b3: 'multi' }).headersFor(context)).toEqual({
      traceparent: PAGE_TRACEPARENT,
      tracestate: 'me=1',
      'x-b3-traceid': PAGE_TRACE,
      'x-b3-spanid': '1234567890123456',
      'x-b3-sampled': '1',
      'uber-trace-id': `${PAGE_TRACE}:1234567890123456:0:01`,
      baggage: 'userId=alice,env=dev%20test',
      'uberctx-userid': 'alice',
      'uberctx-env': 'dev%20test',
    });
  });

  it('ignores an invalid configured tracestate entry and invalid baggage entries', () => {
    const injector = createInjector({
      ...SETTINGS,
      tracestate: 'Bad=1',
      baggageEntries: [{ key: 'bad key', value: 'x' }],
    });
    const headers = injector.headersFor({
      traceId: PAGE_TRACE,
      spanId: '1234567890123456',
      traceFlags: 0,
    });
    expect(Object.keys(headers).sort()).toEqual(['b3', 'traceparent', 'uber-trace-id']);
  });
});

describe('extract', () => {
  const headers = getterOf([
    ['traceparent', PAGE_TRACEPARENT],
    ['b3', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-bbbbbbbbbbbbbbbb-0'],
  ]);

  it('returns the first valid format in the given order, as a plain span context', () => {
    expect(extract(headers, ['traceparent', 'b3'])).toEqual({
      context: { traceId: PAGE_TRACE, spanId: '1234567890123456', traceFlags: 1 },
      format: 'traceparent',
    });
    expect(extract(headers, ['jaeger', 'b3', 'traceparent'])).toEqual({
      context: { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: 0 },
      format: 'b3',
    });
    expect(extract(headers, ['jaeger'])).toBeNull();
  });
});

describe('composite: properties', () => {
  const settingsArb: fc.Arbitrary<PropagationSettings> = fc.record({
    traceparent: fc.boolean(),
    baggage: fc.boolean(),
    tracestate: fc.constantFrom('', 'me=1', 'a@b=x y'),
    b3: fc.constantFrom('off', 'single', 'multi'),
    jaeger: fc.boolean(),
    baggageEntries: fc.constantFrom([], [{ key: 'k', value: 'v' }]),
    sampling: fc.record({ mode: fc.constantFrom('always', 'never', 'ratio'), ratio: fc.double() }),
    debug: fc.boolean(),
    existingHeader: fc.constantFrom('keep', 'replace'),
  });
  const headerArb = fc.tuple(
    fc.constantFrom(
      'traceparent',
      'tracestate',
      'baggage',
      'b3',
      'x-b3-traceid',
      'x-b3-spanid',
      'uber-trace-id',
    ),
    hostileString('0123456789abcdef-=,;: ', [PAGE_TRACEPARENT, 'a=1,b=2', `${PAGE_TRACE}:1:0:1`]),
  );

  it('never throws on hostile request headers, and writes only valid headers', () => {
    fc.assert(
      fc.property(
        settingsArb,
        fc.array(headerArb, { maxLength: 5 }),
        fc.nat(),
        (settings, headers, seed) => {
          const result = createInjector(settings).inject(getterOf(headers), seededRandom(seed));
          const written = result.headers;
          if (written['traceparent'] !== undefined) {
            expect(parseTraceparent(written['traceparent'])).toEqual(result.context);
          }
          if (written['tracestate'] !== undefined)
            expect(parseTracestate(written['tracestate'])).not.toBeNull();
          if (written['baggage'] !== undefined)
            expect(parseBaggage(written['baggage']).length).toBeGreaterThan(0);
          for (const name of result.remove) expect(written).not.toHaveProperty(name);
          if (result.source === 'page') {
            expect(
              Object.keys(written).every((n) => n === 'baggage' || n.startsWith('uberctx-')),
            ).toBe(true);
          }
        },
      ),
      fcParams,
    );
  });
});
