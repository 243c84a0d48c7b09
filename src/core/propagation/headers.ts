/**
 * Reads a request header by lowercase name: a string, several header lines, or undefined when absent.
 * How a platform combines repeated headers differs (fetch joins them with ", "), so parsers accept both.
 */
export type HeaderGetter = (lowercaseName: string) => string | readonly string[] | undefined;

/**
 * The first value of a repeated header, for B3 and Jaeger where the first value wins: the first line,
 * cut at "," since fetch folds repeated headers into one ", "-joined line and no B3 or Jaeger value
 * contains a comma.
 */
export function firstValue(value: string | readonly string[] | undefined): string | undefined {
  const line = typeof value === 'string' ? value : value?.[0];
  if (line === undefined) return undefined;
  const comma = line.indexOf(',');
  return comma < 0 ? line : line.slice(0, comma);
}

export const TRACEPARENT_HEADER = 'traceparent';
export const TRACESTATE_HEADER = 'tracestate';
export const BAGGAGE_HEADER = 'baggage';
export const B3_SINGLE_HEADER = 'b3';
export const B3_TRACE_ID_HEADER = 'x-b3-traceid';
export const B3_SPAN_ID_HEADER = 'x-b3-spanid';
export const B3_PARENT_SPAN_ID_HEADER = 'x-b3-parentspanid';
export const B3_SAMPLED_HEADER = 'x-b3-sampled';
export const B3_FLAGS_HEADER = 'x-b3-flags';
export const B3_MULTI_HEADERS: readonly string[] = [
  B3_TRACE_ID_HEADER,
  B3_SPAN_ID_HEADER,
  B3_PARENT_SPAN_ID_HEADER,
  B3_SAMPLED_HEADER,
  B3_FLAGS_HEADER,
];
export const UBER_TRACE_ID_HEADER = 'uber-trace-id';
export const UBERCTX_HEADER_PREFIX = 'uberctx-';

/** Every header name our formats use, except the open-ended `uberctx-*` family. */
export const FIXED_PROPAGATION_HEADERS: readonly string[] = [
  TRACEPARENT_HEADER,
  TRACESTATE_HEADER,
  BAGGAGE_HEADER,
  B3_SINGLE_HEADER,
  ...B3_MULTI_HEADERS,
  UBER_TRACE_ID_HEADER,
];

const PROPAGATION_HEADERS: ReadonlySet<string> = new Set(FIXED_PROPAGATION_HEADERS);

/** True for a header any of our formats reads or writes (any case), `uberctx-*` included. */
export function isPropagationHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return PROPAGATION_HEADERS.has(lower) || lower.startsWith(UBERCTX_HEADER_PREFIX);
}
