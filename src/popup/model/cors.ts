/**
 * Page mode adds headers from page script, so a cross-origin request carrying them is not
 * "simple" and the browser sends a CORS preflight first (Fetch §4.8). The server must list every
 * added name in Access-Control-Allow-Headers or the request fails. Network mode writes headers
 * below the page, so no preflight happens.
 */
import type { Propagators, TargetMode } from '../../core/config/schema';
import { createInjector, type BaggageEntry } from '../../core/propagation';
import { patternIsOrigin } from './site';

/** A fixed, valid context: only the header names matter here. */
const PROBE_CONTEXT = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceFlags: 1,
};

/** Display order: W3C first, then B3 and Jaeger; anything unknown last, by name. */
const ORDER = [
  'traceparent',
  'tracestate',
  'baggage',
  'b3',
  'x-b3-traceid',
  'x-b3-spanid',
  'x-b3-parentspanid',
  'x-b3-sampled',
  'x-b3-flags',
  'uber-trace-id',
];

function rank(name: string): number {
  const index = ORDER.indexOf(name);
  return index < 0 ? ORDER.length : index;
}

/**
 * The header names the extension adds to a page-mode request under these settings, e.g.
 * `traceparent, tracestate, baggage, b3`. `tracestate` must already be valid (or '') and
 * `baggage` only hold entries that will be sent.
 */
export function addedHeaderNames(
  propagators: Propagators,
  baggage: readonly BaggageEntry[],
): string[] {
  const injector = createInjector({
    ...propagators,
    baggageEntries: baggage,
    sampling: { mode: 'always', ratio: 1 },
    existingHeader: 'replace',
  });
  return Object.keys(injector.headersFor(PROBE_CONTEXT)).sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
}

/**
 * True when a page-mode target needs the CORS warning: a target is cross-origin unless its pattern
 * names exactly the current page's origin (null: no traceable page, so nothing is same-origin).
 */
export function needsCorsWarning(
  target: { readonly match: string; readonly mode: TargetMode },
  pageOrigin: string | null,
): boolean {
  if (target.mode !== 'page') return false;
  return pageOrigin === null || !patternIsOrigin(target.match, pageOrigin);
}
