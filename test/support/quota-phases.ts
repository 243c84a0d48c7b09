/**
 * What the quota tests of both browsers share (chromium-/firefox-quota-faults): requests marked
 * with the phase they were made in, and spans in a stable order to compare stored sets by.
 */
import type { RecordedSpan } from '../../src/core/span/model';
import type { Send } from './leak-page-scripts';
import type { TraceServers } from './trace-servers';

/** Requests per phase. */
export const PER_PHASE = 20;

export const keyOf = (s: RecordedSpan) => `${s.traceId}/${s.spanId}`;

/** The spans ordered by trace and span id. */
export const byKey = (spans: readonly RecordedSpan[]) =>
  [...spans].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));

/** The phase a span's request was made in. */
export const phaseOf = (s: RecordedSpan) =>
  /[?&]phase=(\w+)/.exec(String(s.attributes['url.full']))?.[1];

/** `PER_PHASE` GETs marked with `phase`, for leak-page-scripts' fetchEach. */
export function phaseSends(servers: TraceServers, phase: string): Send[] {
  return Array.from({ length: PER_PHASE }, (_, i) => ({
    url: servers.url('app', `/echo?phase=${phase}&i=${String(i)}`),
    method: 'GET',
  }));
}
