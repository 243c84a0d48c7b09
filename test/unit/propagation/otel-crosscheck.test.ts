// Cross-checks against the official OpenTelemetry JS propagators, both directions: they extract
// exactly what we inject, and we parse exactly what they inject.
import {
  baggageEntryMetadataFromString,
  createContextKey,
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  ROOT_CONTEXT,
  trace,
  type Baggage,
  type Context,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { TraceState, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { B3InjectEncoding, B3Propagator } from '@opentelemetry/propagator-b3';
import { JaegerPropagator } from '@opentelemetry/propagator-jaeger';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  createInjector,
  formatB3Multi,
  formatB3Single,
  formatBaggage,
  formatJaeger,
  formatTraceparent,
  formatTracestate,
  jaegerBaggageHeaders,
  parseB3Multi,
  parseB3Single,
  parseBaggage,
  validateBaggageEntry,
  parseJaeger,
  parseJaegerBaggage,
  parseTraceparent,
  parseTracestate,
  TRACE_FLAG_SAMPLED,
  type BaggageEntry,
  type PropagationSettings,
  type SpanContext,
  type TraceState as OurTraceState,
} from '../../../src/core/propagation/index';
import {
  baggageArb,
  seededRandom,
  spanContextArb,
  TCHARS,
  traceStateArb,
  URI_SAFE_TCHARS,
} from './arbitraries';
import { fcParams, PROPERTY_TIMEOUT_MS } from '../../support/fc-runs';

vi.setConfig({ testTimeout: PROPERTY_TIMEOUT_MS });

// Same key as @opentelemetry/propagator-b3's internal B3_DEBUG_FLAG_KEY: createContextKey uses Symbol.for.
const B3_DEBUG_FLAG_KEY = createContextKey('OpenTelemetry Context Key B3 Debug Flag');

const w3cTrace = new W3CTraceContextPropagator();
const w3cBaggage = new W3CBaggagePropagator();
const b3Single = new B3Propagator({ injectEncoding: B3InjectEncoding.SINGLE_HEADER });
const b3Multi = new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER });
// Deprecated by the OpenTelemetry specification, but it is the official peer for Jaeger headers.
// eslint-disable-next-line @typescript-eslint/no-deprecated
const jaeger = new JaegerPropagator();

function otelExtract(propagator: TextMapPropagator, carrier: Record<string, string>): Context {
  return propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
}

function otelInject(propagator: TextMapPropagator, context: Context): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagator.inject(context, carrier, defaultTextMapSetter);
  return carrier;
}

function spanContextOf(context: Context): SpanContext | undefined {
  const span = trace.getSpanContext(context);
  return span && { traceId: span.traceId, spanId: span.spanId, traceFlags: span.traceFlags };
}

/** Entries of an OpenTelemetry baggage as ours, sorted by key (its extract reorders integer-like keys). */
function entriesOf(baggage: Baggage | undefined): BaggageEntry[] {
  return (baggage?.getAllEntries() ?? [])
    .map(([key, { value, metadata }]) =>
      metadata === undefined ? { key, value } : { key, value, metadata: metadata.toString() },
    )
    .sort(byKey);
}

function byKey(a: BaggageEntry, b: BaggageEntry): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** An OpenTelemetry Baggage holding `entries` in order (setEntry keeps insertion order). */
function otelBaggage(entries: readonly BaggageEntry[]): Baggage {
  let baggage = propagation.createBaggage();
  for (const { key, value, metadata } of entries) {
    baggage = baggage.setEntry(
      key,
      metadata === undefined
        ? { value }
        : { value, metadata: baggageEntryMetadataFromString(metadata) },
    );
  }
  return baggage;
}

/** The prefix of `state` OpenTelemetry keeps: its TraceState stops at 512 characters. */
function within512(state: OurTraceState): OurTraceState {
  const kept: [string, string][] = [];
  for (const member of state) {
    if (formatTracestate([...kept, member]).length > 512) break;
    kept.push([member[0], member[1]]);
  }
  return kept;
}

/** OpenTelemetry's TraceState holding `state`, leftmost first (set() puts a key leftmost). */
function otelTraceState(state: OurTraceState): TraceState {
  let traceState = new TraceState();
  for (const [key, value] of [...state].reverse()) traceState = traceState.set(key, value);
  return traceState;
}

/** A baggage key OpenTelemetry cannot hold: its extract assigns keys into a plain object. */
const notProto = (entries: BaggageEntry[]) => entries.every((e) => e.key !== '__proto__');

describe('W3C trace context vs W3CTraceContextPropagator', () => {
  it('OpenTelemetry extracts exactly the context and tracestate we format', () => {
    fc.assert(
      fc.property(spanContextArb, traceStateArb().map(within512), (ctx, state) => {
        const tracestate = formatTracestate(state);
        // An empty tracestate is never sent (the injector writes none).
        const context = otelExtract(w3cTrace, {
          traceparent: formatTraceparent(ctx),
          ...(tracestate === '' ? {} : { tracestate }),
        });
        // W3CTraceContextPropagator keeps the whole trace-flags byte, so all 8 bits compare.
        expect(spanContextOf(context)).toEqual(ctx);
        const traceState = trace.getSpanContext(context)?.traceState;
        expect(traceState?.serialize() ?? '').toBe(tracestate);
        for (const [key, value] of state) expect(traceState?.get(key)).toBe(value);
      }),
      fcParams,
    );
  });

  it('we parse exactly the context and tracestate OpenTelemetry injects', () => {
    // OpenTelemetry writes flags as `0${flags.toString(16)}`, three digits from 0x10 up, which is
    // invalid (see below); its API only defines flag values below 0x10.
    const lowFlags = spanContextArb.map((ctx) => ({ ...ctx, traceFlags: ctx.traceFlags & 0x0f }));
    fc.assert(
      fc.property(lowFlags, traceStateArb().map(within512), (ctx, state) => {
        const carrier = otelInject(
          w3cTrace,
          trace.setSpanContext(ROOT_CONTEXT, { ...ctx, traceState: otelTraceState(state) }),
        );
        expect(parseTraceparent(carrier['traceparent'] ?? '')).toEqual(ctx);
        expect(parseTracestate(carrier['tracestate'] ?? '')).toEqual(state);
      }),
      fcParams,
    );
  });

  it('flags from 0x10 up: OpenTelemetry writes three digits, which neither side accepts', () => {
    const ctx = { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: 0x10 };
    const carrier = otelInject(w3cTrace, trace.setSpanContext(ROOT_CONTEXT, ctx));
    expect(carrier['traceparent']).toBe(`00-${ctx.traceId}-${ctx.spanId}-010`);
    expect(parseTraceparent(carrier['traceparent'] ?? '')).toBeNull();
    expect(spanContextOf(otelExtract(w3cTrace, carrier))).toBeUndefined();
    expect(spanContextOf(otelExtract(w3cTrace, { traceparent: formatTraceparent(ctx) }))).toEqual(
      ctx,
    );
  });
});

describe('W3C baggage vs W3CBaggagePropagator', () => {
  it('OpenTelemetry extracts exactly the baggage we format', () => {
    // Keys without "%": OpenTelemetry percent-decodes keys, which the spec does not do.
    const keys = TCHARS.replace('%', '');
    fc.assert(
      fc.property(baggageArb(keys).filter(notProto), (entries) => {
        const context = otelExtract(w3cBaggage, { baggage: formatBaggage(entries) });
        expect(entriesOf(propagation.getBaggage(context))).toEqual([...entries].sort(byKey));
      }),
      fcParams,
    );
  });

  it('every entry the settings accept reaches OpenTelemetry unchanged', () => {
    // The settings refuse what the official propagator would drop or change (e.g. "%" in keys).
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('x'.repeat(4094), 'x'.repeat(4095), '%zz', '%41'),
    );
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom('a%41', 'k%', '%zz'), fc.string()), value, (key, v) => {
        if (key === '__proto__' || validateBaggageEntry(key, v) !== null) return;
        const context = otelExtract(w3cBaggage, { baggage: formatBaggage([{ key, value: v }]) });
        expect(entriesOf(propagation.getBaggage(context))).toEqual([{ key, value: v }]);
      }),
      fcParams,
    );
  });

  it('we parse exactly the baggage OpenTelemetry injects', () => {
    // Keys OpenTelemetry's encodeURIComponent leaves alone: it encodes keys, which are tokens already.
    fc.assert(
      fc.property(baggageArb(URI_SAFE_TCHARS), (entries) => {
        const carrier = otelInject(
          w3cBaggage,
          propagation.setBaggage(ROOT_CONTEXT, otelBaggage(entries)),
        );
        expect(parseBaggage(carrier['baggage'] ?? '')).toEqual(entries);
      }),
      fcParams,
    );
  });
});

/** What a B3 or Jaeger peer sees of our flags: only the sampled bit, and debug implies it. */
function sampledBit(ctx: SpanContext, debug: boolean): number {
  return debug ? TRACE_FLAG_SAMPLED : ctx.traceFlags & TRACE_FLAG_SAMPLED;
}

describe('B3 vs B3Propagator', () => {
  // B3 carries one sampling bit, so OpenTelemetry's traceFlags hold only TRACE_FLAG_SAMPLED.
  it('OpenTelemetry extracts exactly the single and multi headers we format', () => {
    fc.assert(
      fc.property(spanContextArb, fc.boolean(), (ctx, debug) => {
        const expected = { ...ctx, traceFlags: sampledBit(ctx, debug) };
        const single = otelExtract(b3Single, { b3: formatB3Single(ctx, { debug }) });
        expect(spanContextOf(single)).toEqual(expected);
        expect(single.getValue(B3_DEBUG_FLAG_KEY)).toBe(debug ? 'd' : undefined);
        const multi = otelExtract(b3Multi, formatB3Multi(ctx, { debug }));
        expect(spanContextOf(multi)).toEqual(expected);
        expect(multi.getValue(B3_DEBUG_FLAG_KEY)).toBe(debug ? '1' : undefined);
      }),
      fcParams,
    );
  });

  it('we parse exactly the single and multi headers OpenTelemetry injects', () => {
    fc.assert(
      fc.property(spanContextArb, fc.boolean(), (ctx, debug) => {
        const expected = { ...ctx, traceFlags: sampledBit(ctx, debug), debug };
        const context = trace.setSpanContext(ROOT_CONTEXT, ctx);
        const single = otelInject(
          b3Single,
          debug ? context.setValue(B3_DEBUG_FLAG_KEY, 'd') : context,
        );
        expect(parseB3Single(single['b3'] ?? '')).toEqual(expected);
        const multi = otelInject(
          b3Multi,
          debug ? context.setValue(B3_DEBUG_FLAG_KEY, '1') : context,
        );
        expect(parseB3Multi((name) => multi[name])).toEqual(expected);
      }),
      fcParams,
    );
  });
});

describe('Jaeger vs JaegerPropagator', () => {
  // uberctx-{key} header names are case-insensitive and we write them lowercase; lowercase keys
  // compare exactly. Values are URL-encoded and -decoded with encodeURIComponent semantics on both sides.
  const lowercaseKeys = 'abcdefghijklmnopqrstuvwxyz0123456789-_.';

  it('OpenTelemetry extracts exactly the context and baggage we format', () => {
    fc.assert(
      fc.property(
        spanContextArb,
        fc.boolean(),
        baggageArb(lowercaseKeys, false),
        (ctx, debug, entries) => {
          const context = otelExtract(jaeger, {
            'uber-trace-id': formatJaeger(ctx, { debug }),
            ...jaegerBaggageHeaders(entries),
          });
          // JaegerPropagator keeps only the sampled bit (flags & 1); our debug flags are 0x03.
          expect(spanContextOf(context)).toEqual({ ...ctx, traceFlags: sampledBit(ctx, debug) });
          expect(entriesOf(propagation.getBaggage(context))).toEqual([...entries].sort(byKey));
        },
      ),
      fcParams,
    );
  });

  it('we parse exactly the context and baggage OpenTelemetry injects', () => {
    // JaegerPropagator writes the W3C flags byte as Jaeger flags, where bit 1 means debug; its API
    // only sets the sampled bit, so the contexts here carry 0 or 1.
    const otelFlags = spanContextArb.map((ctx) => ({ ...ctx, traceFlags: ctx.traceFlags & 1 }));
    fc.assert(
      fc.property(otelFlags, baggageArb(lowercaseKeys, false), (ctx, entries) => {
        const context = propagation.setBaggage(
          trace.setSpanContext(ROOT_CONTEXT, ctx),
          otelBaggage(entries),
        );
        const carrier = otelInject(jaeger, context);
        expect(parseJaeger(carrier['uber-trace-id'] ?? '')).toEqual({ ...ctx, debug: false });
        expect(parseJaegerBaggage(Object.entries(carrier))).toEqual(entries);
      }),
      fcParams,
    );
  });
});

describe('createInjector vs every OpenTelemetry propagator', () => {
  const settingsArb: fc.Arbitrary<PropagationSettings> = fc.record({
    traceparent: fc.constant(true),
    baggage: fc.constant(true),
    tracestate: fc.constantFrom('', 'me=1', 'tenant@sys=a b'),
    b3: fc.constantFrom('single', 'multi'),
    jaeger: fc.constant(true),
    baggageEntries: baggageArb('abcdefghijklmnopqrstuvwxyz-_', false).filter(
      (e) => e.length > 0 && notProto(e),
    ),
    sampling: fc.record({ mode: fc.constantFrom('always', 'never', 'ratio'), ratio: fc.double() }),
    debug: fc.boolean(),
    existingHeader: fc.constantFrom('keep', 'replace'),
  });

  it('each propagator extracts the context and baggage the injector reports', () => {
    fc.assert(
      fc.property(settingsArb, fc.nat(), (settings, seed) => {
        const { headers, context } = createInjector(settings).inject(
          () => undefined,
          seededRandom(seed),
        );
        const carrier = { ...headers };
        const peerContext = { ...context, traceFlags: sampledBit(context, settings.debug) };
        expect(spanContextOf(otelExtract(w3cTrace, carrier))).toEqual(context);
        expect(
          spanContextOf(otelExtract(settings.b3 === 'single' ? b3Single : b3Multi, carrier)),
        ).toEqual(peerContext);
        expect(spanContextOf(otelExtract(jaeger, carrier))).toEqual(peerContext);
        const configured = [...settings.baggageEntries].sort(byKey);
        expect(entriesOf(propagation.getBaggage(otelExtract(w3cBaggage, carrier)))).toEqual(
          configured,
        );
        expect(entriesOf(propagation.getBaggage(otelExtract(jaeger, carrier)))).toEqual(configured);
      }),
      fcParams,
    );
  });
});
