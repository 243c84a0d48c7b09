/** The checks the leak tests of both browsers share. */
import type { IncomingHttpHeaders } from 'node:http';
import { expect } from 'vitest';
import { poll } from './poll';
import { FRAME_HEADERS, fetchThroughFrames, type Send } from './leak-page-scripts';
import { propagationHeaderNames } from './propagation-check';
import type { OriginName, TraceServers } from './trace-servers';

/** A URL on `from` that redirects to `to`. */
export function redirectVia(servers: TraceServers, from: OriginName, to: string): string {
  return servers.url(from, `/redirect?to=${encodeURIComponent(to)}`);
}

/** Waits for `count` requests at the third party's /echo, and checks none carried a header of ours. */
export async function thirdPartySawNothing(servers: TraceServers, count: number): Promise<void> {
  const received = await poll(
    () => {
      const all = servers.received('third', '/echo');
      return all.length >= count ? all : undefined;
    },
    { what: `${String(count)} requests at the third party` },
  );
  for (const request of received) expect(propagationHeaderNames(request.headers)).toEqual([]);
}

/**
 * The page fetches through an about:blank and a srcdoc frame's window (fetchThroughFrames) to
 * the app, which redirects to the third party: the app gets the page's uberctx headers, the
 * third party none. `evaluate` runs a function in the enabled page (Playwright's or Puppeteer's).
 */
export async function framesLeakNothing(
  servers: TraceServers,
  evaluate: (
    fn: typeof fetchThroughFrames,
    job: Parameters<typeof fetchThroughFrames>[0],
  ) => Promise<void>,
): Promise<void> {
  const to = servers.url('third', '/echo');
  await evaluate(fetchThroughFrames, {
    url: redirectVia(servers, 'app', to),
    names: FRAME_HEADERS,
  });
  await thirdPartySawNothing(servers, 2);
  const home = servers.received('app', '/redirect');
  expect(
    home.map((r) => r.headers[FRAME_HEADERS.blank] ?? r.headers[FRAME_HEADERS.srcdoc]),
  ).toEqual(['x', 'y']);
}

/** The origins the settings-change fault tests send to: the page, two targets, a third party. */
export const FAULT_ORIGINS: readonly OriginName[] = ['app', 'api', 'strict', 'third'];

/**
 * One GET from the page to each of FAULT_ORIGINS' `/echo?<tag>`, one after another (`fetchAll`
 * runs leak-page-scripts' fetchEach in the page); the headers each received.
 */
export async function headersAtEach(
  servers: TraceServers,
  fetchAll: (list: readonly Send[]) => Promise<void>,
  tag: string,
): Promise<Record<OriginName, IncomingHttpHeaders>> {
  servers.clear();
  await fetchAll(FAULT_ORIGINS.map((name) => ({ url: servers.url(name, `/echo?${tag}`) })));
  const got = FAULT_ORIGINS.map((name) => {
    const request = servers.received(name, '/echo').find((r) => r.method === 'GET');
    if (request === undefined) throw new Error(`${name} received no ${tag} request`);
    return [name, request.headers] as const;
  });
  return Object.fromEntries(got) as Record<OriginName, IncomingHttpHeaders>;
}
