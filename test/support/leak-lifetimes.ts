/**
 * Requests that outlive what decided their headers (issue #13): a keepalive fetch still in flight
 * after its page closed or navigated away, the page's pagehide requests, and requests made while
 * the settings change. Shared by both browsers' tests; `run` evaluates in the page.
 */
import { expect } from 'vitest';
import {
  expectOurContext,
  expectPageHeaders,
  firstAt,
  LEAK_CONFIG,
  PAGE_HEADERS,
  redirectChain,
  sawNoPropagation,
  thirdEcho,
} from './leak-paths';
import {
  fetchOnPagehide,
  fetchUntilStopped,
  startEach,
  stopLoop,
  type Send,
} from './leak-page-scripts';
import { pathOf, type Run } from './leak-scenarios';
import { poll } from './poll';
import type { TraceServers } from './trace-servers';

/** A tab of either driver, on an enabled page. */
export interface LeakTab {
  readonly run: Run;
  goto(url: string): Promise<void>;
  close(): Promise<void>;
}

/** The settings the settings-change test starts from: a second key, so one can be removed. */
export const TWO_KEYS = {
  ...LEAK_CONFIG,
  baggage: [
    { key: 'user.id', value: '12345' },
    { key: 'tenant', value: 'acme' },
  ],
};

const arrived = (servers: TraceServers, path: string, count: number) =>
  poll(
    () => {
      const all = servers.received('app', path).filter((r) => r.method !== 'OPTIONS');
      return all.length >= count ? all : undefined;
    },
    { what: `${String(count)} requests at app${path}` },
  );

/**
 * Keepalive fetches, one with the page's own headers and one with ours, whose redirect towards
 * the third party is held until the page has gone (`leave`) and `settled` says the browser and
 * the extension have caught up with that.
 */
export async function keepaliveAfterThePageWent(
  servers: TraceServers,
  tab: LeakTab,
  leave: (tab: LeakTab) => Promise<void>,
  settled: () => Promise<void>,
  tag: string,
): Promise<void> {
  const held = (kind: string, headers: Record<string, string> = {}): Send => ({
    url: servers.url(
      'app',
      `/held?id=${tag}-${kind}&status=307&to=${encodeURIComponent(thirdEcho(servers, `${tag}-${kind}`))}`,
    ),
    headers,
    keepalive: true,
  });
  await tab.run(startEach, [held('own', { ...PAGE_HEADERS }), held('ours')]);
  const [first, second] = await arrived(servers, `/held?id=${tag}`, 2);
  const byKind = (kind: string) => [first, second].find((r) => r?.path.includes(`${tag}-${kind}&`));
  expectPageHeaders(byKind('own')?.headers ?? {});
  expectOurContext(byKind('ours')?.headers ?? {});
  await leave(tab);
  await settled();
  await servers.gates.release(`${tag}-own`);
  await servers.gates.release(`${tag}-ours`);
  await sawNoPropagation(servers, 'third', `/echo?p=${tag}`, 2);
}

/**
 * Requests whose first hop went out under the settings before `change` and whose redirect to the
 * third party is held until the change is applied; then the settings go back.
 */
export async function inFlightAcrossAChange(
  servers: TraceServers,
  tab: LeakTab,
  setConfig: (config: Record<string, unknown>) => Promise<void>,
): Promise<void> {
  const changes: [string, Record<string, unknown>][] = [
    ['key-removed', LEAK_CONFIG],
    ['site-off', { ...TWO_KEYS, sites: [] }],
    ['switch-off', { ...TWO_KEYS, enabled: false }],
  ];
  for (const [tag, config] of changes) {
    const held = (kind: string, headers: Record<string, string> = {}): Send => ({
      url: servers.url(
        'app',
        `/held?id=${tag}-${kind}&status=307&to=${encodeURIComponent(thirdEcho(servers, `${tag}-${kind}`))}`,
      ),
      headers,
    });
    await tab.run(startEach, [held('own', { ...PAGE_HEADERS }), held('ours')]);
    const hops = await arrived(servers, `/held?id=${tag}`, 2);
    expect(hops.some((r) => r.headers['uberctx-tenant'] === 'acme')).toBe(true);
    await setConfig(config);
    await servers.gates.release(`${tag}-own`);
    await servers.gates.release(`${tag}-ours`);
    await sawNoPropagation(servers, 'third', `/echo?p=${tag}`, 2);
    await setConfig(TWO_KEYS);
  }
}

/** What a page sends on pagehide as it navigates to `next`; `tag` names its requests. */
export async function pagehideRequests(
  servers: TraceServers,
  tab: LeakTab,
  next: string,
  tag: string,
): Promise<void> {
  const ours = redirectChain(servers, [['app', 307]], thirdEcho(servers, `${tag}-ours`));
  const network = redirectChain(servers, [['strict', 307]], thirdEcho(servers, `${tag}-network`));
  await tab.run(fetchOnPagehide, [
    { url: thirdEcho(servers, `${tag}-direct`), headers: { ...PAGE_HEADERS } },
    { url: ours },
    { url: network },
  ]);
  await tab.goto(next);
  await sawNoPropagation(servers, 'third', `/echo?p=${tag}`, 3);
  // The page's origin got ours from the page itself (the hook, or Firefox's judge). Whether the
  // network target got the page view depends on whether Chromium still counted the unloading
  // document's request as the tab's, which varies from run to run; either way it went no further.
  expectOurContext((await firstAt(servers, 'app', pathOf(ours))).headers);
  await firstAt(servers, 'strict', pathOf(network));
}

/**
 * Changes that stop headers the page is writing (a key removed, the site turned off, the switch
 * off) and ones that start them, each made while the page fetches through a redirect to the third
 * party without pause. `setConfig` returns once the background has applied the settings.
 */
export async function settingsChangingUnderLoad(
  servers: TraceServers,
  run: Run,
  setConfig: (config: Record<string, unknown>) => Promise<void>,
): Promise<void> {
  const steps: [Record<string, unknown>, string, boolean][] = [
    [LEAK_CONFIG, 'uberctx-tenant', false],
    [TWO_KEYS, 'uberctx-tenant', true],
    [{ ...TWO_KEYS, sites: [] }, 'traceparent', false],
    [TWO_KEYS, 'traceparent', true],
    [{ ...TWO_KEYS, enabled: false }, 'traceparent', false],
    [TWO_KEYS, 'traceparent', true],
  ];
  const loopUrl = redirectChain(servers, [['app', 307]], thirdEcho(servers, 'settings'));
  for (const [config, header, present] of steps) {
    servers.clear();
    const loop = run(fetchUntilStopped, loopUrl);
    const sent = () => servers.received('app', '/redirect').filter((r) => r.method !== 'OPTIONS');
    await poll(() => sent().length > 0 || undefined, { what: 'the first round of the page' });
    await setConfig(config);
    // The page catches up on its own (Chromium: its bridge hears of the change from storage).
    await poll(
      () => ((sent().at(-1)?.headers[header] !== undefined) === present ? true : undefined),
      {
        what: `${header} ${present ? 'on' : 'off'} at the page's origin`,
      },
    );
    await run(stopLoop, undefined);
    expect(await loop).toBeGreaterThan(0);
    await sawNoPropagation(servers, 'third', '/echo?p=settings', 1);
    // The header was there on one side of the change: the test saw it stop or start.
    expect(sent().some((r) => r.headers[header] !== undefined)).toBe(true);
    expect(sent().some((r) => r.headers[header] === undefined)).toBe(true);
  }
}
