'use strict';
/**
 * The demo's and tests' API: a plain Node http server instrumented with the official
 * OpenTelemetry Node SDK, exporting its SERVER spans to OTLP/HTTP. It runs as a child
 * process because the http instrumentation must patch `http` before anything loads it.
 *
 * Environment: OTLP_URL (receiver base URL), ALLOW_ORIGIN (the app origin for CORS),
 * ALLOW_HEADERS (comma list; default the propagation headers), PORT (0 = any free port).
 * Prints one JSON line `{"port": N}` once listening on 127.0.0.1.
 */
const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { registerInstrumentations } = require('@opentelemetry/instrumentation');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
const {
  CompositePropagator,
  W3CTraceContextPropagator,
  W3CBaggagePropagator,
} = require('@opentelemetry/core');

const provider = new NodeTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'demo-api' }),
  // Simple (not batch) so each span reaches the receiver as soon as it ends.
  spanProcessors: [
    new SimpleSpanProcessor(new OTLPTraceExporter({ url: `${process.env.OTLP_URL}/v1/traces` })),
  ],
});
provider.register({
  propagator: new CompositePropagator({
    propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
  }),
});
registerInstrumentations({ instrumentations: [new HttpInstrumentation()] });

const http = require('node:http');
const { trace, propagation, context } = require('@opentelemetry/api');

const tracer = trace.getTracer('demo-api');
const allowHeaders =
  process.env.ALLOW_HEADERS ??
  'traceparent, tracestate, baggage, b3, x-b3-traceid, x-b3-spanid, x-b3-parentspanid, x-b3-sampled, x-b3-flags, uber-trace-id';

function corsHeaders() {
  return {
    'access-control-allow-origin': process.env.ALLOW_ORIGIN ?? '*',
    'access-control-allow-headers': allowHeaders,
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    vary: 'origin',
  };
}

/** Stands in for a database call, so the server side of the trace has depth. */
function queryUser(id) {
  return tracer.startActiveSpan(
    'SELECT demo.users',
    {
      attributes: {
        'db.system.name': 'sqlite',
        'db.query.text': 'SELECT * FROM users WHERE id = ?',
      },
    },
    (span) => {
      const user = {
        id,
        name: `User ${id}`,
        baggage: Object.fromEntries(
          (propagation.getBaggage(context.active())?.getAllEntries() ?? []).map(([k, v]) => [
            k,
            v.value,
          ]),
        ),
      };
      span.end();
      return user;
    },
  );
}

const server = http.createServer((req, res) => {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, corsHeaders());
    res.end();
    return;
  }
  const match = /^\/api\/users\/(\w+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
  if (req.method === 'GET' && match) {
    const body = JSON.stringify({
      user: queryUser(match[1]),
      traceparent: req.headers.traceparent ?? null,
    });
    res.writeHead(200, { ...corsHeaders(), 'content-type': 'application/json' });
    res.end(body);
    return;
  }
  res.writeHead(404, { ...corsHeaders(), 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: 'not found' }));
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});

async function shutdown() {
  server.close();
  await provider.shutdown();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
// If the parent dies without a signal, do not outlive it.
process.on('disconnect', () => void shutdown());
