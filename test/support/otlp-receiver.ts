import { MockOtlpServer, normalizeTrace } from '@elastic/mockotlpserver';
import { poll } from './poll';

/** One span as the receiver decoded it with the official protos (ids in hex, times as strings). */
export interface ReceivedSpan {
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly kind: string; // e.g. 'SPAN_KIND_SERVER', as the receiver normalizes it
  readonly startTimeUnixNano: string;
  readonly endTimeUnixNano: string;
  readonly attributes?: Record<string, unknown>;
}

interface NormalizedTrace {
  resourceSpans?: {
    resource?: { attributes?: Record<string, unknown> };
    scopeSpans?: { spans?: Omit<ReceivedSpan, 'service'>[] }[];
  }[];
}

export interface OtlpReceiver {
  /** Base URL for OTLP/HTTP exporters: POST `${url}/v1/traces`. */
  readonly url: string;
  readonly spans: readonly ReceivedSpan[];
  waitForTrace(traceId: string, minSpans: number): Promise<ReceivedSpan[]>;
  close(): Promise<void>;
}

/**
 * @elastic/mockotlpserver decodes JSON and protobuf OTLP with the official protos. It answers
 * 200 before validating, so tests assert on what it decoded, which we collect here.
 */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const server = new MockOtlpServer({
    services: ['http'],
    httpHostname: '127.0.0.1',
    httpPort: 0,
    logLevel: 'warn',
    onTrace(raw: unknown) {
      const trace = normalizeTrace(raw) as NormalizedTrace;
      for (const resourceSpans of trace.resourceSpans ?? []) {
        const name = resourceSpans.resource?.attributes?.['service.name'];
        const service = typeof name === 'string' ? name : 'unknown';
        for (const scope of resourceSpans.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) spans.push({ ...span, service });
        }
      }
    },
  });
  await server.start();
  const url = String(server.httpUrl).replace(/\/$/, '');
  return {
    url,
    spans,
    waitForTrace(traceId, minSpans) {
      return poll(
        () => {
          const found = spans.filter((s) => s.traceId === traceId);
          return found.length >= minSpans ? found : undefined;
        },
        { what: `${minSpans} spans of trace ${traceId} at the OTLP receiver` },
      );
    },
    async close() {
      await server.close();
    },
  };
}
