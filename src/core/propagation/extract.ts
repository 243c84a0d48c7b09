import { parseB3Multi, parseB3Single } from './b3';
import {
  B3_SINGLE_HEADER,
  TRACEPARENT_HEADER,
  UBER_TRACE_ID_HEADER,
  type HeaderGetter,
} from './headers';
import { parseJaeger } from './jaeger';
import type { SpanContext } from './span-context';
import { parseTraceparent } from './traceparent';

export type PropagationFormat = 'traceparent' | 'b3' | 'jaeger';

/** The order `inject` looks for a context the request already carries. */
export const EXTRACT_ORDER: readonly PropagationFormat[] = ['traceparent', 'b3', 'jaeger'];

function extractOne(get: HeaderGetter, format: PropagationFormat): SpanContext | null {
  switch (format) {
    case 'traceparent': {
      const value = get(TRACEPARENT_HEADER);
      return value === undefined ? null : parseTraceparent(value);
    }
    case 'b3': {
      const single = get(B3_SINGLE_HEADER);
      return (single === undefined ? null : parseB3Single(single)) ?? parseB3Multi(get);
    }
    case 'jaeger': {
      const value = get(UBER_TRACE_ID_HEADER);
      return value === undefined ? null : parseJaeger(value);
    }
  }
}

/** The first valid context among `formats`, in order, reduced to trace id, span id and flags. */
export function extract(
  get: HeaderGetter,
  formats: readonly PropagationFormat[],
): { context: SpanContext; format: PropagationFormat } | null {
  for (const format of formats) {
    const found = extractOne(get, format);
    if (found !== null) {
      const { traceId, spanId, traceFlags } = found;
      return { context: { traceId, spanId, traceFlags }, format };
    }
  }
  return null;
}
