/**
 * What the leak-path tests of both browsers share (issue #13): settings with every format on,
 * the propagation headers a page sets itself, redirect chains, and the checks on what each
 * server received.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { expect } from 'vitest';
import { testConfig } from './extension-config';
import type { ReceivedRequest } from './http-server';
import { appendFrame, frameAt } from './page-scripts';
import { poll } from './poll';
import { propagationHeaderNames, traceparentFields } from './propagation-check';
import type { OriginName, TraceServers } from './trace-servers';

/** Every format on, so a check over every propagation header name means something. */
export const LEAK_CONFIG = testConfig({
  propagators: {
    traceparent: true,
    baggage: true,
    tracestate: 'tc=browser',
    b3: 'multi',
    jaeger: true,
    debug: false,
  },
});

/** What a tracing SDK in the page puts on its requests itself: never for a third party either. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  baggage: 'secret=1',
  'uberctx-x': '1',
};

/** A URL on the first hop that redirects through every other hop (`[origin, status]`) to `to`. */
export function redirectChain(
  servers: TraceServers,
  hops: readonly (readonly [OriginName, number])[],
  to: string,
): string {
  let url = to;
  for (const [origin, status] of [...hops].reverse()) {
    url = servers.url(origin, `/redirect?status=${String(status)}&to=${encodeURIComponent(url)}`);
  }
  return url;
}

/** `/echo?p=<tag>` on the third party: each test's own path, so counts never mix. */
export function thirdEcho(servers: TraceServers, tag: string): string {
  return servers.url('third', `/echo?p=${tag}`);
}

/**
 * Waits until `name` has received `count` requests (not counting CORS preflights) whose path
 * starts with `prefix`, then checks that none of them, preflights included, carried a
 * propagation header of any format.
 */
export async function sawNoPropagation(
  servers: TraceServers,
  name: OriginName,
  prefix: string,
  count = 1,
): Promise<readonly ReceivedRequest[]> {
  const received = await poll(
    () => {
      const all = servers.received(name, prefix);
      return all.filter((r) => r.method !== 'OPTIONS').length >= count ? all : undefined;
    },
    { what: `${String(count)} requests at ${name}${prefix}` },
  );
  for (const request of received) {
    expect([request.method, request.path, propagationHeaderNames(request.headers)]).toEqual([
      request.method,
      request.path,
      [],
    ]);
  }
  return received;
}

/** The first non-preflight request `name` received under `prefix`, once it has arrived. */
export function firstAt(
  servers: TraceServers,
  name: OriginName,
  prefix: string,
): Promise<ReceivedRequest> {
  return poll(() => servers.received(name, prefix).find((r) => r.method !== 'OPTIONS'), {
    what: `a request at ${name}${prefix}`,
  });
}

/** The positive side: our context in every format LEAK_CONFIG enables. */
export function expectOurContext(headers: IncomingHttpHeaders): void {
  expect(traceparentFields(headers.traceparent)).not.toBeNull();
  expect(headers.tracestate).toBe('tc=browser');
  expect(String(headers.baggage)).toContain('user.id=12345');
  expect(headers['x-b3-traceid']).toMatch(/^[0-9a-f]{32}$/);
  expect(headers['uber-trace-id']).toMatch(/^[0-9a-f]{32}:/);
  expect(headers['uberctx-user.id']).toBe('12345');
}

/** The page's own headers arrived as it set them (at its own origin, where they belong). */
export function expectPageHeaders(headers: IncomingHttpHeaders): void {
  expect(headers.traceparent).toBe(PAGE_HEADERS['traceparent']);
  expect(String(headers.baggage)).toContain('secret=1');
  expect(headers['uberctx-x']).toBe('1');
}

/**
 * Frames nested in `page`, each inside the one before, at `urls` (distinct, so each is found);
 * returns the innermost. Playwright's and Puppeteer's pages both list nested frames.
 */
export async function nestFrames<F extends FrameLike>(
  page: { frames(): F[] } & FrameLike,
  urls: readonly string[],
): Promise<F> {
  let parent: FrameLike = page;
  let frame: F | undefined;
  for (const url of urls) {
    await parent.evaluate(appendFrame, url);
    frame = await frameAt(page, url);
    parent = frame;
  }
  if (frame === undefined) throw new Error('no frame to nest');
  return frame;
}

interface FrameLike {
  url(): string;
  evaluate(fn: typeof appendFrame, url: string): Promise<unknown>;
}
