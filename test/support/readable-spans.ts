/**
 * Our RecordedSpans as the SDK's ReadableSpans, for @opentelemetry/otlp-transformer's serializers:
 * test/unit/otlp/json-encode.test.ts checks that the serializer's JSON equals ours (defaults aside),
 * and the export benchmark times the serializers on them, built once outside the timing as an SDK
 * holds finished spans before its exporter serializes them.
 */
import { SpanKind, SpanStatusCode, type SpanContext } from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';
import type { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { OtlpExportMeta } from '../../src/core/otlp/json';
import type { RecordedSpan } from '../../src/core/span/model';

/** What the serializers take, from their own signature (their sdk-trace, not sdk-trace-base). */
export type ReadableSpan = Parameters<typeof JsonTraceSerializer.serializeRequest>[0][number];

function readable(
  span: RecordedSpan,
  resource: ReadableSpan['resource'],
  scope: OtlpExportMeta['scope'],
): ReadableSpan {
  const context = (spanId: string): SpanContext => ({
    traceId: span.traceId,
    spanId,
    traceFlags: 1,
  });
  return {
    name: span.name,
    kind: span.kind === 3 ? SpanKind.CLIENT : SpanKind.INTERNAL,
    spanContext: () => context(span.spanId),
    ...(span.parentSpanId === undefined ? {} : { parentSpanContext: context(span.parentSpanId) }),
    startTime: millisToHrTime(span.startTime),
    endTime: millisToHrTime(span.endTime),
    status: {
      code: span.status.code === 2 ? SpanStatusCode.ERROR : SpanStatusCode.UNSET,
      ...(span.status.message === undefined ? {} : { message: span.status.message }),
    },
    attributes: span.attributes as ReadableSpan['attributes'],
    links: [],
    events: span.events.map((e) => ({ name: e.name, time: millisToHrTime(e.time) })),
    duration: [0, 0],
    ended: true,
    resource,
    instrumentationScope: scope,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
}

/** One resource object shared by every span, as the SDK's tracer provider shares it. */
export function readableSpans(
  spans: readonly RecordedSpan[],
  meta: OtlpExportMeta,
): ReadableSpan[] {
  // Readonly string arrays are valid attribute values; the SDK's type wants them mutable.
  const resource = resourceFromAttributes(meta.resource as Record<string, string | number>);
  return spans.map((span) => readable(span, resource, meta.scope));
}
