/**
 * One request's timing breakdown, named and ordered as the Network panel's Timing tab (DESIGN §8),
 * from the phase events the recorder stores (docs/spans.md "Events"; OpenTelemetry JS web names,
 * so spans a page SDK recorded read the same). What the events cannot tell:
 *
 * - Queueing and Stalled. HAR's `blocked` is both; Chromium's `_blocked_queueing` splits it. The
 *   recorder keeps it as `browser.timing.queueing`; without it (Firefox, an imported span) the
 *   whole of `blocked` is Stalled (as DevTools shows a HAR without `_blocked_queueing`), and the
 *   phase says it includes Queueing.
 * - Request sent and Waiting. `responseStart` is `requestStart + send + wait`; the recorder keeps
 *   `send` as `browser.timing.send`. Without it the two are one phase, Waiting for server
 *   response, which says it includes Request sent.
 */
import {
  EVENT_CONNECT_END,
  EVENT_CONNECT_START,
  EVENT_DOMAIN_LOOKUP_END,
  EVENT_DOMAIN_LOOKUP_START,
  EVENT_FETCH_START,
  EVENT_REQUEST_START,
  EVENT_RESPONSE_END,
  EVENT_RESPONSE_START,
  EVENT_SECURE_CONNECTION_START,
} from '../../../core/span/har-timings';
import { ATTR_TIMING_QUEUEING, ATTR_TIMING_SEND } from '../../../core/span/browser-attributes';
import type { AttributeValue, SpanEvent } from '../../../core/span/model';

export type PhaseId =
  'queueing' | 'stalled' | 'dns' | 'connect' | 'ssl' | 'send' | 'wait' | 'download';

export type PhaseSection = 'Resource Scheduling' | 'Connection Start' | 'Request/Response';

export interface TimingPhase {
  readonly id: PhaseId;
  /** The Timing tab's label. */
  readonly label: string;
  readonly section: PhaseSection;
  /** Milliseconds since the span's start. */
  readonly start: number;
  readonly duration: number;
  /** Labels of phases folded into this one because the stored events cannot separate them. */
  readonly includes?: readonly string[];
}

export interface TimingBreakdown {
  /** In the Timing tab's order; only phases that happened. SSL lies inside Initial connection. */
  readonly phases: readonly TimingPhase[];
  /** The span's duration, milliseconds. */
  readonly total: number;
}

export const PHASE_LABELS: Readonly<Record<PhaseId, string>> = {
  queueing: 'Queueing',
  stalled: 'Stalled',
  dns: 'DNS Lookup',
  connect: 'Initial connection',
  ssl: 'SSL',
  send: 'Request sent',
  wait: 'Waiting for server response',
  download: 'Content Download',
};

const SECTIONS: Readonly<Record<PhaseId, PhaseSection>> = {
  queueing: 'Resource Scheduling',
  stalled: 'Connection Start',
  dns: 'Connection Start',
  connect: 'Connection Start',
  ssl: 'Connection Start',
  send: 'Request/Response',
  wait: 'Request/Response',
  download: 'Request/Response',
};

export interface TimedSpan {
  readonly startTime: number;
  readonly endTime: number;
  readonly events: readonly SpanEvent[];
}

export interface BreakdownOptions {
  /** Chromium's `_blocked_queueing`, ms: splits Queueing from Stalled. */
  readonly queueingMs?: number;
  /** HAR's `send`, ms: splits Request sent from Waiting for server response. */
  readonly sendMs?: number;
}

/** The options a stored span carries in its `browser.timing.*` attributes. */
export function breakdownOptions(
  attributes: Readonly<Record<string, AttributeValue>> | undefined,
): BreakdownOptions {
  const queueing = attributes?.[ATTR_TIMING_QUEUEING];
  const send = attributes?.[ATTR_TIMING_SEND];
  return {
    ...(typeof queueing === 'number' ? { queueingMs: queueing } : {}),
    ...(typeof send === 'number' ? { sendMs: send } : {}),
  };
}

/** The first event of each name (a later duplicate is ignored). */
function eventTimes(events: readonly SpanEvent[]): Map<string, number> {
  const times = new Map<string, number>();
  for (const event of events) {
    if (!times.has(event.name) && Number.isFinite(event.time)) times.set(event.name, event.time);
  }
  return times;
}

export function timingBreakdown(span: TimedSpan, options: BreakdownOptions = {}): TimingBreakdown {
  const origin = span.startTime;
  const total = Math.max(0, span.endTime - span.startTime);
  const events = Array.isArray(span.events) ? span.events : [];
  const at = eventTimes(events);
  const phases: TimingPhase[] = [];
  const add = (
    id: PhaseId,
    from: number | undefined,
    to: number | undefined,
    includes?: string[],
  ) => {
    if (from === undefined || to === undefined || !(to >= from)) return;
    phases.push({
      id,
      label: PHASE_LABELS[id],
      section: SECTIONS[id],
      start: from - origin,
      duration: to - from,
      ...(includes === undefined ? {} : { includes }),
    });
  };
  if (at.size === 0) return { phases, total };

  const fetchStart = at.get(EVENT_FETCH_START) ?? origin;
  // `blocked` ends where the first later phase begins; a request that never got that far (a
  // refused connection) was blocked until it ended, as HAR reports it.
  const blockedEnd =
    at.get(EVENT_DOMAIN_LOOKUP_START) ??
    at.get(EVENT_CONNECT_START) ??
    at.get(EVENT_REQUEST_START) ??
    span.endTime;
  const queueing = options.queueingMs;
  if (queueing !== undefined && Number.isFinite(queueing) && queueing >= 0) {
    const split = Math.min(fetchStart + queueing, blockedEnd);
    add('queueing', fetchStart, split);
    add('stalled', split, blockedEnd);
  } else if (blockedEnd > fetchStart) {
    add('stalled', fetchStart, blockedEnd, [PHASE_LABELS.queueing]);
  }
  add('dns', at.get(EVENT_DOMAIN_LOOKUP_START), at.get(EVENT_DOMAIN_LOOKUP_END));
  add('connect', at.get(EVENT_CONNECT_START), at.get(EVENT_CONNECT_END));
  add('ssl', at.get(EVENT_SECURE_CONNECTION_START), at.get(EVENT_CONNECT_END));
  const requestStart = at.get(EVENT_REQUEST_START);
  const responseStart = at.get(EVENT_RESPONSE_START);
  const send = options.sendMs;
  if (
    send !== undefined &&
    Number.isFinite(send) &&
    send >= 0 &&
    requestStart !== undefined &&
    responseStart !== undefined
  ) {
    const sent = Math.min(requestStart + send, responseStart);
    add('send', requestStart, sent);
    add('wait', sent, responseStart);
  } else {
    add('wait', requestStart, responseStart, [PHASE_LABELS.send]);
  }
  add('download', at.get(EVENT_RESPONSE_START), at.get(EVENT_RESPONSE_END));
  return { phases, total };
}
