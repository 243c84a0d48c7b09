import { parseBaggage } from './baggage';
import { appendBaggage, formatBaggage, mergeBaggage } from './baggage-format';
import { formatB3Multi, formatB3Single } from './b3';
import { EXTRACT_ORDER, extract } from './extract';
import {
  B3_FLAGS_HEADER,
  B3_MULTI_HEADERS,
  B3_PARENT_SPAN_ID_HEADER,
  B3_SAMPLED_HEADER,
  B3_SINGLE_HEADER,
  B3_TRACE_ID_HEADER,
  BAGGAGE_HEADER,
  TRACEPARENT_HEADER,
  TRACESTATE_HEADER,
  UBER_TRACE_ID_HEADER,
  type HeaderGetter,
} from './headers';
import { spanIdFromBytes, SPAN_ID_BYTES, TRACE_ID_BYTES, traceIdFromBytes } from './ids';
import type { Injector, PropagationSettings } from './injector-types';
import { formatJaeger, jaegerBaggageHeaders } from './jaeger';
import { sampleWordFromBytes, samplingUpperBound } from './sampling';
import { TRACE_FLAG_RANDOM, TRACE_FLAG_SAMPLED, type SpanContext } from './span-context';
import { formatTraceparent, parseTraceparent } from './traceparent';
import {
  addTracestateEntry,
  formatTracestate,
  parseTracestate,
  parseTracestateMember,
} from './tracestate';

export type { HeaderGetter } from './headers';
export type {
  B3Mode,
  ExistingHeaderPolicy,
  InjectResult,
  Injector,
  PropagationSettings,
} from './injector-types';
export { EXTRACT_ORDER, extract, type PropagationFormat } from './extract';

const NOTHING_TO_REMOVE: readonly string[] = Object.freeze([]);

// Scratch space for one request's random ids: one random call fills trace and span id, and the
// sampling word is read from the bytes rather than parsed back from hex.
const idBytes = new Uint8Array(TRACE_ID_BYTES + SPAN_ID_BYTES);

/**
 * Builds the per-request header writer for `settings`. Everything that depends only on settings (the
 * encoded baggage, the tracestate entry, the uberctx headers) is computed here, once per settings change.
 */
export function createInjector(settings: PropagationSettings): Injector {
  const keep = settings.existingHeader === 'keep';
  const formatOptions = { debug: settings.debug };
  const entry = settings.tracestate === '' ? null : parseTracestateMember(settings.tracestate);
  const entryHeader = entry === null ? '' : formatTracestate([entry]);
  const configured = settings.baggageEntries;
  const baggageHeader = settings.baggage ? formatBaggage(configured) : '';
  const writesBaggage = baggageHeader !== '';
  // The baggage headers every request gets when it has no baggage of its own, as parallel arrays:
  // copying them into a fresh object is cheaper than cloning an object (V8 would then go through
  // dictionary mode when the trace headers are added).
  const staticNames: string[] = [];
  const staticValues: string[] = [];
  if (writesBaggage) {
    const uberctx = settings.jaeger ? jaegerBaggageHeaders(configured) : {};
    staticNames.push(BAGGAGE_HEADER, ...Object.keys(uberctx));
    staticValues.push(baggageHeader, ...Object.values(uberctx));
  }

  // Sampled when the trace id's word is below this bound; debug forces sampling (B3 and Jaeger say
  // debug implies sampled, and traceparent must not contradict them).
  const sampleBound = settings.debug ? Infinity : samplingUpperBound(settings.sampling);
  // The page's B3 headers that would contradict ours: with single, any multi-header context; with
  // multi, a single header and the multi headers we do not write.
  const staleB3 =
    settings.b3 === 'single'
      ? B3_MULTI_HEADERS
      : [
          B3_SINGLE_HEADER,
          B3_PARENT_SPAN_ID_HEADER,
          settings.debug ? B3_SAMPLED_HEADER : B3_FLAGS_HEADER,
        ];

  // Trace headers of formats that are off: when we write our own context, a page context left in
  // them would give servers and the recorder a second, different trace.
  const foreign = [
    ...(settings.traceparent ? [] : [TRACEPARENT_HEADER, TRACESTATE_HEADER]),
    ...(settings.b3 === 'off' ? [B3_SINGLE_HEADER, ...B3_MULTI_HEADERS] : []),
    ...(settings.jaeger ? [] : [UBER_TRACE_ID_HEADER]),
  ];

  /** W3C Trace Context §3.3: the request's tracestate belongs to its traceparent; drop it if invalid. */
  function writeTracestate(
    existing: HeaderGetter,
    headers: Record<string, string>,
    remove: string[],
  ) {
    const current = existing(TRACESTATE_HEADER);
    if (current === undefined) {
      if (entryHeader !== '') headers[TRACESTATE_HEADER] = entryHeader;
      return;
    }
    const traceparent = existing(TRACEPARENT_HEADER);
    const valid = traceparent !== undefined && parseTraceparent(traceparent) !== null;
    const state = (valid ? parseTracestate(current) : null) ?? [];
    const value = formatTracestate(entry === null ? state : addTracestateEntry(state, ...entry));
    if (value === '') remove.push(TRACESTATE_HEADER);
    else headers[TRACESTATE_HEADER] = value;
  }

  function removePresent(existing: HeaderGetter, names: readonly string[], remove: string[]) {
    for (const name of names) {
      if (existing(name) !== undefined) remove.push(name);
    }
  }

  function writeTraceHeaders(context: SpanContext, headers: Record<string, string>) {
    if (settings.traceparent) headers[TRACEPARENT_HEADER] = formatTraceparent(context);
    if (settings.b3 === 'single')
      headers[B3_SINGLE_HEADER] = formatB3Single(context, formatOptions);
    else if (settings.b3 === 'multi') Object.assign(headers, formatB3Multi(context, formatOptions));
    if (settings.jaeger) headers[UBER_TRACE_ID_HEADER] = formatJaeger(context, formatOptions);
  }

  /**
   * A new header object holding the baggage headers. With a baggage header of the request's own:
   * under `keep` it goes out as the page wrote it with our members appended (or untouched when
   * none fits); under `replace` ours come first and win on a key clash.
   */
  function startHeaders(existing: HeaderGetter | null): Record<string, string> {
    const headers: Record<string, string> = {};
    if (!writesBaggage) return headers;
    const current = existing?.(BAGGAGE_HEADER);
    let baggage: string | null = baggageHeader;
    if (current !== undefined) {
      baggage = keep
        ? appendBaggage(typeof current === 'string' ? current : current.join(','), configured)
        : formatBaggage(mergeBaggage(configured, parseBaggage(current)));
    }
    for (let i = 0; i < staticNames.length; i++) {
      const name = staticNames[i] ?? '';
      if (name !== BAGGAGE_HEADER) headers[name] = staticValues[i] ?? '';
      else if (baggage !== null) headers[name] = baggage;
    }
    return headers;
  }

  return {
    inject(existing, random) {
      const headers = startHeaders(existing);
      const remove: string[] = [];
      const page = keep ? extract(existing, EXTRACT_ORDER) : null;
      let context: SpanContext;
      if (page === null) {
        random(idBytes);
        const traceId = traceIdFromBytes(idBytes, 0);
        const spanId = spanIdFromBytes(idBytes, TRACE_ID_BYTES);
        const sampled = sampleWordFromBytes(idBytes, 0) < sampleBound;
        // Our trace ids are random, which W3C Level 2 lets us promise with the random flag.
        const traceFlags = TRACE_FLAG_RANDOM | (sampled ? TRACE_FLAG_SAMPLED : 0);
        context = { traceId, spanId, traceFlags };
        writeTraceHeaders(context, headers);
        if (settings.traceparent) writeTracestate(existing, headers, remove);
        // Without x-b3-traceid the page's multi headers carry no context to contradict our b3.
        const b3Clash =
          settings.b3 === 'multi' ||
          (settings.b3 === 'single' && existing(B3_TRACE_ID_HEADER) !== undefined);
        if (b3Clash) removePresent(existing, staleB3, remove);
        removePresent(existing, foreign, remove);
      } else {
        context = page.context;
      }
      return {
        headers,
        remove: remove.length === 0 ? NOTHING_TO_REMOVE : remove,
        context,
        source: page === null ? 'extension' : 'page',
      };
    },

    headersFor(context) {
      const headers = startHeaders(null);
      writeTraceHeaders(context, headers);
      if (settings.traceparent && entryHeader !== '') headers[TRACESTATE_HEADER] = entryHeader;
      return headers;
    },
  };
}
