export type { SpanContext } from './span-context';
export {
  isValidSpanId,
  isValidTraceId,
  SPAN_ID_HEX_LENGTH,
  TRACE_FLAG_RANDOM,
  TRACE_FLAG_SAMPLED,
  TRACE_ID_HEX_LENGTH,
} from './span-context';
export type { Ids, RandomSource } from './ids';
export { newIds, newSpanId, newTraceId, pooledRandom, RANDOM_POOL_BYTES } from './ids';
export type { Sampling, SamplingMode } from './sampling';
export { shouldSample } from './sampling';
export {
  formatTraceparent,
  parseTraceparent,
  TRACEPARENT_V00_LENGTH,
  TRACEPARENT_VERSION,
} from './traceparent';
export type { TraceState } from './tracestate';
export {
  addTracestateEntry,
  formatTracestate,
  isValidTracestateKey,
  isValidTracestateValue,
  parseTracestate,
  parseTracestateMember,
  TRACESTATE_MAX_MEMBERS,
} from './tracestate';
export { validateTracestateEntry } from './tracestate-validate';
export type { BaggageEntry } from './baggage';
export { BAGGAGE_MAX_BYTES, BAGGAGE_MAX_MEMBERS, parseBaggage } from './baggage';
export {
  baggageByteLength,
  encodeBaggageValue,
  formatBaggage,
  formatBaggageMember,
  appendBaggage,
  mergeBaggage,
} from './baggage-format';
export { validateBaggageEntry } from './baggage-validate';
export type { B3Context, B3Options } from './b3';
export { formatB3Multi, formatB3Single, parseB3Multi, parseB3Single } from './b3';
export type { JaegerContext, JaegerOptions } from './jaeger';
export {
  formatJaeger,
  JAEGER_FLAG_DEBUG,
  JAEGER_FLAG_SAMPLED,
  jaegerBaggageHeaders,
  parseJaeger,
  parseJaegerBaggage,
} from './jaeger';
export type { HeaderGetter } from './headers';
export {
  B3_FLAGS_HEADER,
  B3_PARENT_SPAN_ID_HEADER,
  B3_SAMPLED_HEADER,
  B3_SINGLE_HEADER,
  B3_SPAN_ID_HEADER,
  B3_TRACE_ID_HEADER,
  BAGGAGE_HEADER,
  FIXED_PROPAGATION_HEADERS,
  isPropagationHeader,
  TRACEPARENT_HEADER,
  TRACESTATE_HEADER,
  UBER_TRACE_ID_HEADER,
  UBERCTX_HEADER_PREFIX,
} from './headers';
export type {
  B3Mode,
  ExistingHeaderPolicy,
  InjectResult,
  Injector,
  PropagationFormat,
  PropagationSettings,
} from './composite';
export { createInjector, EXTRACT_ORDER, extract } from './composite';
export { applyPlan, type HeaderLine } from './header-lines';
