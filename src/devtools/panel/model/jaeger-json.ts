/**
 * Spans as the JSON Jaeger UI's "Upload" reads offline (DESIGN §8; jaeger-ui
 * packages/jaeger-ui/src/components/SearchTracePage/FileLoader.tsx and
 * model/transform-trace-data.ts): `{ data: [trace…] }`, one trace per trace id, times in
 * microseconds. Tags follow the OpenTelemetry-to-Jaeger translation that Jaeger's own query
 * service applies (`span.kind`, `otel.status_code`, `error`, `otel.scope.*`), so Jaeger UI shows
 * the kind and the error state as it does for traces it stored itself. An OTLP JSON file would
 * need a Jaeger backend to convert it (jaeger-ui #4197); this one needs none.
 */
import type { AttributeValue, RecordedSpan } from '../../../core/span/model';
import { SPAN_KIND_CLIENT, STATUS_ERROR } from '../../../core/span/model';

export interface JaegerTag {
  readonly key: string;
  readonly type: 'string' | 'bool' | 'int64' | 'float64';
  readonly value: string | number | boolean;
}

export interface JaegerLog {
  /** Epoch microseconds. */
  readonly timestamp: number;
  readonly fields: readonly JaegerTag[];
}

export interface JaegerSpan {
  readonly traceID: string;
  readonly spanID: string;
  readonly operationName: string;
  readonly references: readonly {
    readonly refType: 'CHILD_OF';
    readonly traceID: string;
    readonly spanID: string;
  }[];
  /** Epoch microseconds, a whole number. */
  readonly startTime: number;
  /** Microseconds, a whole number. */
  readonly duration: number;
  readonly tags: readonly JaegerTag[];
  readonly logs: readonly JaegerLog[];
  readonly processID: string;
  readonly warnings: null;
}

export interface JaegerProcess {
  readonly serviceName: string;
  readonly tags: readonly JaegerTag[];
}

export interface JaegerTrace {
  readonly traceID: string;
  readonly spans: readonly JaegerSpan[];
  readonly processes: Readonly<Record<string, JaegerProcess>>;
  readonly warnings: null;
}

export interface JaegerUpload {
  readonly data: readonly JaegerTrace[];
}

export interface JaegerExportOptions {
  /** The resource's service.name (the process's serviceName). */
  readonly serviceName: string;
  /** Other resource attributes, as process tags. */
  readonly resource?: Readonly<Record<string, AttributeValue>>;
  readonly scope?: { readonly name: string; readonly version?: string };
}

/** Every span of a trace comes from this one process (the browser). */
export const PROCESS_ID = 'p1';

/** Milliseconds (any fraction) as whole microseconds, rounded half up on the exact value. */
export function msToMicros(ms: number): number {
  if (!Number.isFinite(ms)) return 0;
  // toFixed rounds the double's exact value; a float product (ms × 1000) would round twice.
  return Number(ms.toFixed(3).replace('.', ''));
}

export function jaegerTag(key: string, value: AttributeValue): JaegerTag {
  if (typeof value === 'string') return { key, type: 'string', value };
  if (typeof value === 'boolean') return { key, type: 'bool', value };
  if (typeof value === 'number') {
    return Number.isSafeInteger(value)
      ? { key, type: 'int64', value }
      : { key, type: 'float64', value };
  }
  // Jaeger tags have no array type; its OTLP translator writes arrays as JSON text.
  return { key, type: 'string', value: JSON.stringify(value) };
}

function spanTags(span: RecordedSpan, options: JaegerExportOptions): JaegerTag[] {
  const tags = Object.keys(span.attributes).map((key) =>
    jaegerTag(key, span.attributes[key] as AttributeValue),
  );
  tags.push(jaegerTag('span.kind', span.kind === SPAN_KIND_CLIENT ? 'client' : 'internal'));
  if (span.status.code === STATUS_ERROR) {
    tags.push(jaegerTag('otel.status_code', 'ERROR'), jaegerTag('error', true));
    const message = span.status.message;
    if (message !== undefined && message !== '') {
      tags.push(jaegerTag('otel.status_description', message));
    }
  }
  if (options.scope !== undefined) {
    tags.push(jaegerTag('otel.scope.name', options.scope.name));
    const version = options.scope.version;
    if (version !== undefined && version !== '')
      tags.push(jaegerTag('otel.scope.version', version));
  }
  return tags;
}

export function toJaegerSpan(span: RecordedSpan, options: JaegerExportOptions): JaegerSpan {
  const start = msToMicros(span.startTime);
  const parent = span.parentSpanId;
  return {
    traceID: span.traceId,
    spanID: span.spanId,
    operationName: span.name,
    references:
      parent === undefined || parent === ''
        ? []
        : [{ refType: 'CHILD_OF', traceID: span.traceId, spanID: parent }],
    startTime: start,
    // Both ends rounded, then subtracted: a child never sticks out of its parent by rounding.
    duration: Math.max(0, msToMicros(span.endTime) - start),
    tags: spanTags(span, options),
    logs: span.events.map((event) => ({
      timestamp: msToMicros(event.time),
      fields: [jaegerTag('event', event.name)],
    })),
    processID: PROCESS_ID,
    warnings: null,
  };
}

/** One Jaeger trace per trace id, in order of first appearance; spans keep their order. */
export function toJaegerUpload(
  spans: readonly RecordedSpan[],
  options: JaegerExportOptions,
): JaegerUpload {
  const process: JaegerProcess = {
    serviceName: options.serviceName,
    tags: Object.entries(options.resource ?? {})
      .filter(([key]) => key !== 'service.name')
      .map(([key, value]) => jaegerTag(key, value)),
  };
  const byTrace = new Map<string, JaegerSpan[]>();
  for (const span of spans) {
    const list = byTrace.get(span.traceId);
    const jaeger = toJaegerSpan(span, options);
    if (list === undefined) byTrace.set(span.traceId, [jaeger]);
    else list.push(jaeger);
  }
  const data: JaegerTrace[] = [];
  for (const [traceID, list] of byTrace) {
    data.push({ traceID, spans: list, processes: { [PROCESS_ID]: process }, warnings: null });
  }
  return { data };
}
