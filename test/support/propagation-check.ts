import type { IncomingHttpHeaders } from 'node:http';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  trace,
  type SpanContext,
  type TextMapGetter,
} from '@opentelemetry/api';
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { B3InjectEncoding, B3Propagator } from '@opentelemetry/propagator-b3';
import { JaegerPropagator } from '@opentelemetry/propagator-jaeger';

const getter: TextMapGetter<IncomingHttpHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key.toLowerCase()],
};

/** The names of every header the extension may write; a third party must see none. */
export const PROPAGATION_HEADER =
  /^(traceparent|tracestate|baggage|b3|x-b3-.*|uber-trace-id|uberctx-.*)$/i;

export function propagationHeaderNames(headers: IncomingHttpHeaders): string[] {
  return Object.keys(headers).filter((name) => PROPAGATION_HEADER.test(name));
}

/** The fields of a traceparent header, read with a plain regex (independent of our parser). */
export function traceparentFields(value: string | string[] | undefined) {
  const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(String(value));
  if (!match) return null;
  const [, traceId = '', spanId = '', flags = ''] = match;
  return { traceId, spanId, traceFlags: parseInt(flags, 16) };
}

/** What the official OpenTelemetry JS propagators extract from received headers. */
export function officialExtract(headers: IncomingHttpHeaders) {
  const spanContextOf = (propagator: {
    extract: typeof W3CTraceContextPropagator.prototype.extract;
  }): SpanContext | undefined =>
    trace.getSpanContext(propagator.extract(ROOT_CONTEXT, headers, getter));
  const baggage = propagation.getBaggage(
    new W3CBaggagePropagator().extract(context.active(), headers, getter),
  );
  return {
    w3c: spanContextOf(new W3CTraceContextPropagator()),
    b3: spanContextOf(new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER })),
    // Deprecated by the OpenTelemetry spec, yet still the reference for uber-trace-id.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    jaeger: spanContextOf(new JaegerPropagator()),
    baggage: Object.fromEntries((baggage?.getAllEntries() ?? []).map(([k, v]) => [k, v.value])),
  };
}
