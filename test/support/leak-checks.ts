/** The checks the leak tests of both browsers share. */
import { expect } from 'vitest';
import { poll } from './poll';
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
