/**
 * The sides and workloads of the in-page cost benchmark. Every extension side sends the same
 * headers as the OpenTelemetry side (traceparent and `baggage: user.id=12345`) where it injects.
 */
import type { Workload } from './page-cost-protocol';
import { CROSS_HOST, PAGE_HOST } from './page-cost-server';

export type SideId = 'none' | 'page' | 'network' | 'idle' | 'other' | 'otel';

export interface Side {
  readonly id: SideId;
  readonly label: string;
  /** The extension's settings, or null for a browser without the extension. */
  readonly config: Record<string, unknown> | null;
  /** The page loads the OpenTelemetry web SDK bundle. */
  readonly otel: boolean;
  /** Whether requests to each destination must arrive with a traceparent. */
  readonly traced: { readonly 'same-origin': boolean; readonly 'cross-origin': boolean };
}

function settings(sites: string[], targets: { match: string; mode: string }[]) {
  return {
    version: 3,
    enabled: true,
    sites,
    targets,
    propagators: { traceparent: true, baggage: true, tracestate: '', b3: 'off', jaeger: false },
    baggage: [{ key: 'user.id', value: '12345' }],
    sampling: { mode: 'always', ratio: 1 },
  };
}

const SITE = `http://${PAGE_HOST}:*`;
const API = `http://${CROSS_HOST}:*`;
const both = { 'same-origin': true, 'cross-origin': true } as const;
const neither = { 'same-origin': false, 'cross-origin': false } as const;

export const SIDES: readonly Side[] = [
  { id: 'none', label: 'no extension', config: null, otel: false, traced: neither },
  {
    id: 'page',
    label: 'page mode',
    config: settings([SITE], [{ match: API, mode: 'page' }]),
    otel: false,
    traced: both,
  },
  {
    id: 'network',
    label: 'network mode',
    config: settings([SITE], [{ match: API, mode: 'network' }]),
    otel: false,
    traced: both,
  },
  {
    id: 'idle',
    label: 'installed, no site enabled',
    config: settings([], []),
    otel: false,
    traced: neither,
  },
  {
    id: 'other',
    label: 'installed, another site enabled',
    config: settings(
      ['http://other.test:*'],
      [{ match: 'http://other-api.test:*', mode: 'network' }],
    ),
    otel: false,
    traced: neither,
  },
  { id: 'otel', label: 'OpenTelemetry web SDK', config: null, otel: true, traced: both },
];

/** fetch and XHR, sequential and 20 at a time, same-origin and cross-origin. */
export function workloads(requests: number, warmup: number): Workload[] {
  const list: Workload[] = [];
  for (const api of ['fetch', 'xhr'] as const) {
    for (const destination of ['same-origin', 'cross-origin'] as const) {
      for (const concurrency of [1, 20]) {
        list.push({ api, destination, concurrency, requests, warmup });
      }
    }
  }
  return list;
}

export function workloadLabel(w: Workload): string {
  const api = w.api === 'fetch' ? 'fetch' : 'XHR';
  const how = w.concurrency === 1 ? 'sequential' : `${String(w.concurrency)} at a time`;
  return `${api}, ${w.destination}, ${how}`;
}
