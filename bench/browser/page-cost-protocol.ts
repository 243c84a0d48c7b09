/**
 * What the self-timing page of the in-page cost benchmark (page-cost-page.ts) and Node
 * (page-cost.bench.ts) say to each other over the loopback link: the page reports, Node answers
 * with the next workload, so Node can read Chromium's CPU counters between workloads while no
 * automation is attached.
 */

export type Api = 'fetch' | 'xhr';
export type Destination = 'same-origin' | 'cross-origin';

export interface Workload {
  readonly api: Api;
  /** Requests in flight at once: 1 is sequential. */
  readonly concurrency: number;
  readonly destination: Destination;
  /** Timed requests. */
  readonly requests: number;
  /** Untimed requests first, so connections, caches and the JIT are warm. */
  readonly warmup: number;
}

export interface WorkloadResult {
  /** Wall time of the timed requests, ms. */
  readonly ms: number;
  /** Summed synchronous time of the `fetch()` calls themselves, ms (0 for XHR). */
  readonly callMs: number;
  /** Responses that were not 200 (any is an error of the setup). */
  readonly failed: number;
}

export type PageReport =
  | { readonly kind: 'ready'; readonly userAgent: string; readonly otel: boolean }
  | { readonly kind: 'result'; readonly result: WorkloadResult };

export type Step =
  { readonly kind: 'run'; readonly workload: Workload } | { readonly kind: 'done' };

/**
 * What the page is told, as `/page?s=` and base64url of this JSON: Chromium's `/json/new?<url>`
 * endpoint cuts a URL at its first `&` and decodes percent escapes, so one opaque parameter is the
 * only query that arrives intact.
 */
export interface PageParams {
  /** Where the page posts its reports. */
  readonly link: string;
  /** The cross-origin API's origin. */
  readonly cross: string;
  /** The page loads the OpenTelemetry web SDK bundle first. */
  readonly otel: boolean;
}

/** `value` as one query parameter that survives /json/new (see PageParams). */
export function opaqueParam(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');
}

export function readOpaqueParam(param: string | null): unknown {
  const base64 = (param ?? '').replaceAll('-', '+').replaceAll('_', '/');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}
