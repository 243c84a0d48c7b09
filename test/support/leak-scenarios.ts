/**
 * The request paths of issue #13 that both browsers must guard the same way: each drives an
 * enabled page (`run` evaluates in it) and checks that the third party received no propagation
 * header, ours or the page's, and that the allowed hop before it did carry ours.
 */
import { expect } from 'vitest';
import {
  expectOurContext,
  firstAt,
  PAGE_HEADERS,
  redirectChain,
  sawNoPropagation,
  thirdEcho,
} from './leak-paths';
import {
  fetchEach,
  openEventSource,
  openWebSocket,
  sendBeacons,
  type Send,
} from './leak-page-scripts';
import { REDIRECT_STATUSES } from './leak-routes';
import type { TraceServers } from './trace-servers';

/** Evaluates a function with one argument in a page or frame of either driver. */
export type Run = <A, R>(fn: (arg: A) => R, arg: A) => Promise<Awaited<R>>;

/** Every redirect status, from the page's origin (page mode) and from a network-mode target. */
export async function redirectsOfEveryStatus(servers: TraceServers, run: Run): Promise<void> {
  const list: Send[] = [];
  for (const status of REDIRECT_STATUSES) {
    const via = (origin: 'app' | 'strict', tag: string) =>
      redirectChain(servers, [[origin, status]], thirdEcho(servers, `${tag}-${String(status)}`));
    // POST: 301, 302 and 303 turn it into a GET, 307 and 308 keep it; every one keeps headers.
    list.push({ url: via('app', 'own'), method: 'POST', headers: { ...PAGE_HEADERS } });
    list.push({ url: via('app', 'ours'), method: 'POST' });
    list.push({ url: via('strict', 'network') });
  }
  await run(fetchEach, list);
  await sawNoPropagation(servers, 'third', '/echo', list.length);
  // The hops before the third party carried our context: the rules judged by destination.
  for (const status of REDIRECT_STATUSES) {
    for (const [origin, tag] of [
      ['app', 'ours'],
      ['strict', 'network'],
    ] as const) {
      const hop = redirectChain(
        servers,
        [[origin, status]],
        thirdEcho(servers, `${tag}-${String(status)}`),
      );
      expectOurContext((await firstAt(servers, origin, pathOf(hop))).headers);
    }
  }
}

/** The path and query of `url`, as the server records it. */
export function pathOf(url: string): string {
  const { pathname, search } = new URL(url);
  return pathname + search;
}

/** Chains that leave for the third party and come back, so the last hop is judged again. */
export async function chainsThatComeBack(servers: TraceServers, run: Run): Promise<void> {
  const back = (origin: 'app' | 'strict', tag: string) =>
    redirectChain(
      servers,
      [
        [origin, 307],
        ['third', 302],
        [origin, 308],
      ],
      thirdEcho(servers, tag),
    );
  const [own, ours, network] = [
    back('app', 'chain-own'),
    back('app', 'chain-ours'),
    back('strict', 'chain-network'),
  ];
  await run(fetchEach, [
    { url: own, headers: { ...PAGE_HEADERS } },
    { url: ours },
    { url: network },
  ]);
  // Each chain reaches the third party twice: its redirect, then its /echo.
  const third = await sawNoPropagation(servers, 'third', '/', 6);
  const ends = third.filter((r) => r.path.startsWith('/echo?p=chain-') && r.method !== 'OPTIONS');
  expect(ends).toHaveLength(3);
  expectOurContext((await firstAt(servers, 'app', pathOf(ours))).headers);
  expectOurContext((await firstAt(servers, 'strict', pathOf(network))).headers);
}

/** A frame navigated through a redirect: the navigation request's hops. */
export async function frameNavigationRedirects(servers: TraceServers, run: Run): Promise<void> {
  const to = servers.url('third', '/page?p=frame');
  await run(
    (src) =>
      new Promise((resolve) => {
        const frame = document.createElement('iframe');
        frame.addEventListener('load', resolve, { once: true });
        frame.src = src;
        document.body.append(frame);
      }),
    redirectChain(servers, [['strict', 301]], to),
  );
  await sawNoPropagation(servers, 'third', '/page?p=frame');
  expectOurContext((await firstAt(servers, 'strict', '/redirect?status=301')).headers);
}

/** sendBeacon through a redirect from a network target and from the page's origin. */
export async function beacons(servers: TraceServers, run: Run): Promise<void> {
  const queued = await run(sendBeacons, [
    redirectChain(servers, [['strict', 307]], thirdEcho(servers, 'beacon-network')),
    redirectChain(servers, [['app', 308]], thirdEcho(servers, 'beacon-own')),
    thirdEcho(servers, 'beacon-direct'),
  ]);
  expect(queued).toEqual([true, true, true]);
  await sawNoPropagation(servers, 'third', '/echo?p=beacon', 3);
  expectOurContext((await firstAt(servers, 'strict', '/redirect?status=307')).headers);
}

/** EventSource, whose request follows redirects like a fetch. */
export async function eventSources(servers: TraceServers, run: Run): Promise<void> {
  const events = (tag: string) => servers.url('third', `/events?p=${tag}`);
  for (const url of [
    redirectChain(servers, [['strict', 307]], events('es-network')),
    redirectChain(servers, [['app', 302]], events('es-own')),
    events('es-direct'),
  ]) {
    expect(await run(openEventSource, url)).toBe('message');
  }
  await sawNoPropagation(servers, 'third', '/events', 3);
  expectOurContext((await firstAt(servers, 'strict', '/redirect?status=307')).headers);
}

/**
 * WebSocket handshakes: a page cannot set their headers, the hook does not wrap WebSocket and no
 * rule or judge treats a ws: URL as a target, so no hop gets any; a rule or judge that matched
 * every destination would put ours on the third party's.
 */
export async function webSockets(servers: TraceServers, run: Run): Promise<void> {
  const ws = (name: 'app' | 'strict' | 'third') => servers.url(name, '/ws').replace('http:', 'ws:');
  for (const name of ['app', 'strict', 'third'] as const) {
    expect(await run(openWebSocket, ws(name))).toBe('closed');
  }
  await sawNoPropagation(servers, 'third', '/ws');
  for (const name of ['app', 'strict'] as const) await sawNoPropagation(servers, name, '/ws');
}

/**
 * A page whose markup prefetches and preloads, and whose response's `Link` header preloads, each
 * through a network target's redirect.
 */
export async function resourceHints(
  servers: TraceServers,
  open: (url: string) => Promise<void>,
): Promise<void> {
  const via = (tag: string) =>
    encodeURIComponent(redirectChain(servers, [['strict', 302]], thirdEcho(servers, tag)));
  await open(
    servers.url(
      'app',
      `/hints?prefetch=${via('prefetch')}&preload=${via('preload')}&linked=${via('linked')}`,
    ),
  );
  for (const tag of ['prefetch', 'preload', 'linked']) {
    await sawNoPropagation(servers, 'third', `/echo?p=${tag}`);
  }
  const hops = servers.received('strict', '/redirect').filter((r) => r.method !== 'OPTIONS');
  expect(hops).toHaveLength(3);
  for (const request of hops) expectOurContext(request.headers);
}
