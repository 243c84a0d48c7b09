/**
 * The headers the injector writes on a request that carries no propagation header of its own,
 * precompiled with holes for the ids (header-template-compile.ts), so the page hook fills them
 * in without shipping the formats: only the ids and the sampling decision are made per request.
 */
import { spanIdFromBytes, SPAN_ID_BYTES, TRACE_ID_BYTES, traceIdFromBytes } from './ids';
import type { RandomSource } from './ids';
import { sampleWordFromBytes } from './sampling';

export const TRACE_ID_HOLE = 0;
export const SPAN_ID_HOLE = 1;

/** A header value as text and holes, in order. */
export type TemplatePart = string | typeof TRACE_ID_HOLE | typeof SPAN_ID_HOLE;
export type TemplateHeader = readonly [name: string, parts: readonly TemplatePart[]];

export interface HeaderTemplate {
  /** Sampled when the trace id's sample word is below this (2^32: always). */
  readonly sampleBound: number;
  readonly sampled: readonly TemplateHeader[];
  readonly unsampled: readonly TemplateHeader[];
}

// Scratch space for one request's ids, as in composite.ts: one random call fills both.
const idBytes = new Uint8Array(TRACE_ID_BYTES + SPAN_ID_BYTES);

/** The template's headers with fresh ids: what createInjector's inject gives such a request. */
export function fillTemplate(
  template: HeaderTemplate,
  random: RandomSource,
): Record<string, string> {
  random(idBytes);
  const traceId = traceIdFromBytes(idBytes, 0);
  const spanId = spanIdFromBytes(idBytes, TRACE_ID_BYTES);
  const sampled = sampleWordFromBytes(idBytes, 0) < template.sampleBound;
  const headers: Record<string, string> = {};
  for (const [name, parts] of sampled ? template.sampled : template.unsampled) {
    let value = '';
    for (const part of parts) {
      value += part === TRACE_ID_HOLE ? traceId : part === SPAN_ID_HOLE ? spanId : part;
    }
    headers[name] = value;
  }
  return headers;
}
