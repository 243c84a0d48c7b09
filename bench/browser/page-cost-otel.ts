/**
 * The OpenTelemetry JS web SDK as an in-page tracer sets itself up: a WebTracerProvider with a
 * BatchSpanProcessor, the W3C trace-context and baggage propagators, and the fetch and
 * XMLHttpRequest instrumentations, propagating to the cross-origin API as well. The exporter does
 * nothing, so what is measured is the tracing, not a backend. Bundled (minified) for the page,
 * which also gives the size an in-page injector ships to every page.
 */
import {
  propagation,
  type Context,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '@opentelemetry/api';
import {
  CompositePropagator,
  ExportResultCode,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
  type ExportResult,
} from '@opentelemetry/core';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
import { XMLHttpRequestInstrumentation } from '@opentelemetry/instrumentation-xml-http-request';
import {
  BatchSpanProcessor,
  WebTracerProvider,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-web';

class NoopExporter implements SpanExporter {
  export(_spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    done({ code: ExportResultCode.SUCCESS });
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * W3C baggage with the one member the extension's sides send (`user.id=12345`) on every request.
 * An application would put it in its context; without a zone context manager there is no context
 * to put it in across the page's awaits, so the propagator adds it.
 */
class FixedBaggagePropagator implements TextMapPropagator {
  readonly #inner = new W3CBaggagePropagator();
  readonly #baggage = propagation.createBaggage({ 'user.id': { value: '12345' } });

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    this.#inner.inject(propagation.setBaggage(context, this.#baggage), carrier, setter);
  }
  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    return this.#inner.extract(context, carrier, getter);
  }
  fields(): string[] {
    return this.#inner.fields();
  }
}

const provider = new WebTracerProvider({
  spanProcessors: [new BatchSpanProcessor(new NoopExporter())],
});
provider.register({
  propagator: new CompositePropagator({
    propagators: [new W3CTraceContextPropagator(), new FixedBaggagePropagator()],
  }),
});
const cors = [/^http:\/\/api\.test(:\d+)?\//];
registerInstrumentations({
  instrumentations: [
    new FetchInstrumentation({ propagateTraceHeaderCorsUrls: cors }),
    new XMLHttpRequestInstrumentation({ propagateTraceHeaderCorsUrls: cors }),
  ],
});
(globalThis as { __otelBench?: boolean }).__otelBench = true;
