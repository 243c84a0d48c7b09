/**
 * Issue #13 on Firefox (blocking webRequest, every hop judged by the document or worker that
 * made it): the request paths firefox-leaks and firefox-injection do not cover. Each test checks
 * what the loopback third party received and that the allowed hop before it carried our context.
 */
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { launchFirefox, type FirefoxSession } from '../support/firefox';
import {
  expectOurContext,
  expectPageHeaders,
  firstAt,
  LEAK_CONFIG,
  nestFrames,
  PAGE_HEADERS,
  redirectChain,
  sawNoPropagation,
  thirdEcho,
} from '../support/leak-paths';
import { fetchEach, fetchInWorker, type Send } from '../support/leak-page-scripts';
import {
  beacons,
  chainsThatComeBack,
  eventSources,
  frameNavigationRedirects,
  pathOf,
  redirectsOfEveryStatus,
  resourceHints,
  webSockets,
  type Run,
} from '../support/leak-scenarios';
import { HOST_NAMES, startTraceServers, type TraceServers } from '../support/trace-servers';

describe('Firefox: no propagation header reaches a third party, on every request path', () => {
  let firefox: FirefoxSession;
  let servers: TraceServers;
  let page: Page;
  // Puppeteer's evaluate types its arguments through its own serialization types.
  const runIn =
    (target: Page | Frame): Run =>
    (fn, arg) =>
      target.evaluate(fn as (a: unknown) => unknown, arg) as never;
  const run: Run = (fn, arg) => runIn(page)(fn, arg);

  /** What the innermost of nested frames sends: the page's headers, ours, a network target's. */
  const framed = (tag: string): Send[] => [
    {
      url: redirectChain(servers, [['app', 302]], thirdEcho(servers, `${tag}-own`)),
      headers: { ...PAGE_HEADERS },
    },
    { url: redirectChain(servers, [['app', 307]], thirdEcho(servers, `${tag}-ours`)) },
    { url: redirectChain(servers, [['strict', 308]], thirdEcho(servers, `${tag}-network`)) },
    { url: servers.url('app', `/echo?p=${tag}-home`) },
  ];

  beforeAll(async () => {
    servers = await startTraceServers();
    firefox = await launchFirefox({ storage: { config: LEAK_CONFIG }, loopbackHosts: HOST_NAMES });
    page = await firefox.browser.newPage();
  });
  afterAll(async () => {
    await firefox.close();
    await servers.close();
  });
  beforeEach(async () => {
    await page.goto(servers.url('app', '/page'));
    servers.clear();
  });

  test("redirects of every status, from the page's origin and from a network-mode target", async () => {
    await redirectsOfEveryStatus(servers, run);
  });

  test('chains that leave for the third party and come back', async () => {
    await chainsThatComeBack(servers, run);
  });

  test('a frame and the page itself navigated through a redirect', async () => {
    await frameNavigationRedirects(servers, run);
    const top = redirectChain(servers, [['strict', 307]], servers.url('third', '/page?p=top'));
    await Promise.all([
      page.waitForNavigation(),
      run((url) => {
        location.assign(url);
      }, top),
    ]);
    await sawNoPropagation(servers, 'third', '/page?p=top');
    // Firefox judges a top-level navigation by the page it loads, which is not enabled, so even
    // the target's hop goes bare (the frame's navigation above is its parent page's).
    await sawNoPropagation(servers, 'strict', pathOf(top));
    // Through the page's own origin, which does get ours: Firefox keeps them across the redirect.
    await page.goto(servers.url('app', '/page'));
    const own = redirectChain(servers, [['app', 302]], servers.url('third', '/page?p=top-own'));
    await Promise.all([
      page.waitForNavigation(),
      run((url) => {
        location.assign(url);
      }, own),
    ]);
    await sawNoPropagation(servers, 'third', '/page?p=top-own');
    expectOurContext((await firstAt(servers, 'app', pathOf(own))).headers);
  });

  test('frames nested three deep, and an enabled frame under a widget', async () => {
    const deep = ['d1', 'd2', 'd3'].map((d) => servers.url('app', `/page?${d}`));
    await runIn(await nestFrames(page, deep))(fetchEach, framed('deep'));
    await page.goto(servers.url('app', '/page'));
    const under = [servers.url('third', '/page?w1'), servers.url('app', '/page?w2')];
    await runIn(await nestFrames(page, under))(fetchEach, framed('under'));
    await sawNoPropagation(servers, 'third', '/echo', 6);
    // The innermost frames are of the top-level page's origin, so their hook is active.
    for (const tag of ['deep', 'under']) {
      expectOurContext((await firstAt(servers, 'app', `/echo?p=${tag}-home`)).headers);
      const network = redirectChain(
        servers,
        [['strict', 308]],
        thirdEcho(servers, `${tag}-network`),
      );
      expectOurContext((await firstAt(servers, 'strict', pathOf(network))).headers);
    }
  });

  test('an enabled site two frames deep in a page that is not enabled is judged as itself', async () => {
    await page.goto(servers.url('third', '/page'));
    const frames = [servers.url('app', '/page?f1'), servers.url('app', '/page?f2')];
    await runIn(await nestFrames(page, frames))(fetchEach, framed('foreign'));
    await sawNoPropagation(servers, 'third', '/echo?p=foreign', 3);
    // Firefox judges each request by its document: the framed site gets its context.
    expectOurContext((await firstAt(servers, 'app', '/echo?p=foreign-home')).headers);
    const network = redirectChain(
      servers,
      [['strict', 308]],
      thirdEcho(servers, 'foreign-network'),
    );
    expectOurContext((await firstAt(servers, 'strict', pathOf(network))).headers);
  });

  test("dedicated and shared workers' own requests keep the page's headers home", async () => {
    for (const kind of ['dedicated', 'shared'] as const) {
      const list: Send[] = [
        {
          url: redirectChain(servers, [['app', 307]], thirdEcho(servers, `${kind}-own`)),
          headers: PAGE_HEADERS,
        },
        { url: thirdEcho(servers, `${kind}-direct`), headers: PAGE_HEADERS },
        { url: redirectChain(servers, [['strict', 302]], thirdEcho(servers, `${kind}-network`)) },
        { url: servers.url('app', `/echo?p=${kind}-home`), headers: PAGE_HEADERS },
      ];
      expect(await run(fetchInWorker, { kind, list })).toEqual([200, 200, 200, 200]);
    }
    await sawNoPropagation(servers, 'third', '/echo', 6);
    // A worker's requests are judged by its script's origin: home keeps the page's headers, and
    // the network target gets ours from either worker.
    for (const kind of ['dedicated', 'shared']) {
      expectPageHeaders((await firstAt(servers, 'app', `/echo?p=${kind}-home`)).headers);
      const network = redirectChain(
        servers,
        [['strict', 302]],
        thirdEcho(servers, `${kind}-network`),
      );
      expectOurContext((await firstAt(servers, 'strict', pathOf(network))).headers);
    }
  });

  test('sendBeacon through redirects', async () => {
    await beacons(servers, run);
  });

  test('EventSource through redirects', async () => {
    await eventSources(servers, run);
  });

  test('WebSocket handshakes', async () => {
    await webSockets(servers, run);
  });

  test('prefetch and preload from the markup and the Link header, through a redirect', async () => {
    await resourceHints(servers, async (url) => {
      await page.goto(url);
    });
  });
});
