/**
 * Issue #8: what the page hook does to the page's own requests. With the hook on, a request must
 * go out as the page made it, plus our headers: same method, body, init members (inherited ones
 * and getters included), header names, spelling and order, and the page's own baggage as written.
 * Each case runs twice, on a page where the site is not enabled (no hook) and where it is, and
 * the server compares what it received.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type ChromiumSession } from '../support/chromium';
import { applyConfig, testConfig } from '../support/extension-config';
import type { ReceivedRequest } from '../support/http-server';
import { poll } from '../support/poll';
import { PROPAGATION_HEADER, traceparentFields } from '../support/propagation-check';
import { HOST_NAMES, startTraceServers, type TraceServers } from '../support/trace-servers';

/** What a request looked like on the wire, our own headers aside. */
function wire(request: ReceivedRequest | undefined) {
  return {
    method: request?.method,
    body: request?.body,
    headers: (request?.rawHeaders ?? []).filter(([name]) => !PROPAGATION_HEADER.test(name)),
  };
}

/** The page's calls: every one is tagged with `case=<name>` in its URL. */
async function pageCalls(page: Page, echo: string): Promise<Record<string, string>> {
  return page.evaluate(async (base) => {
    const url = (name: string) => `${base}?case=${name}`;
    class GetterInit {
      get method() {
        return 'POST';
      }
      get body() {
        return 'getter-body';
      }
      get headers() {
        return { 'X-From-Getter': '1' };
      }
    }
    const cases: Record<string, () => Promise<Response>> = {
      inherited: () =>
        fetch(url('inherited'), Object.create({ method: 'PUT', body: 'proto' }) as RequestInit),
      getters: () => fetch(url('getters'), new GetterInit()),
      'request-as-init': () =>
        fetch(url('request-as-init'), new Request(url('other'), { method: 'POST', body: 'req' })),
      'header-order': () =>
        fetch(url('header-order'), {
          headers: [
            ['X-Zeta', '1'],
            ['A-Alpha', '2'],
            ['x-Mixed-Case', '3'],
          ],
        }),
      'request-referrer': () =>
        fetch(
          new Request(url('request-referrer'), { referrer: '/custom-referrer', method: 'DELETE' }),
        ),
      'request-plus-init': () =>
        fetch(new Request(url('request-plus-init'), { method: 'PATCH', body: 'r' }), {
          headers: { 'X-Init': 'wins' },
        }),
      'no-referrer': () => fetch(url('no-referrer'), { referrerPolicy: 'no-referrer' }),
      'manual-redirect': () =>
        fetch(`${base.replace('/echo', '/redirect')}?case=manual-redirect&to=/echo`, {
          redirect: 'manual',
        }),
      'own-baggage': () =>
        fetch(url('own-baggage'), { headers: { baggage: 'a=1 ;p=v,bad key=2' } }),
      'bad-url': () => fetch('http://[not a host/'),
    };
    const outcomes: Record<string, string> = {};
    for (const [name, call] of Object.entries(cases)) {
      try {
        const response = await call();
        outcomes[name] = `${response.type} ${String(response.status)}`;
        await response.text();
      } catch (error) {
        outcomes[name] = `${(error as Error).name}: ${(error as Error).message}`;
      }
    }
    return outcomes;
  }, echo);
}

describe('Chromium: the page hook leaves the page’s requests as the page made them', () => {
  let browser: ChromiumSession;
  let servers: TraceServers;
  let page: Page;

  const byCase = (): Map<string, ReceivedRequest> =>
    new Map(
      servers.servers.app.requests
        .filter((r) => r.path.includes('case='))
        .map((r) => [new URL(r.path, 'http://x').searchParams.get('case') ?? '', r]),
    );

  beforeAll(async () => {
    servers = await startTraceServers();
    browser = await launchChromium({ loopbackHosts: HOST_NAMES });
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser.close();
    await servers.close();
  });

  test('fetch: init members, headers, order and the page’s baggage go out as without the hook', async () => {
    await applyConfig(browser.worker, testConfig({ sites: [] }));
    await page.goto(servers.url('app', '/'));
    servers.clear();
    const bareOutcomes = await pageCalls(page, servers.url('app', '/echo'));
    const bare = byCase();

    await applyConfig(browser.worker, testConfig());
    await page.goto(servers.url('app', '/'));
    servers.clear();
    const hookedOutcomes = await pageCalls(page, servers.url('app', '/echo'));
    const hooked = byCase();

    expect(hookedOutcomes).toEqual(bareOutcomes);
    expect([...hooked.keys()].sort()).toEqual([...bare.keys()].sort());
    for (const [name, request] of hooked) {
      expect([name, wire(request)]).toEqual([name, wire(bare.get(name))]);
      expect([name, traceparentFields(request.headers.traceparent) !== null]).toEqual([name, true]);
    }
    expect(bare.get('own-baggage')?.headers.baggage).toBe('a=1 ;p=v,bad key=2');
    expect(hooked.get('own-baggage')?.headers.baggage).toBe('a=1 ;p=v,bad key=2,user.id=12345');
  });

  test('XHR: a request reused while its send waited goes out as the page made it last, or not at all', async () => {
    await applyConfig(browser.worker, testConfig());
    servers.clear();
    await page.goto(servers.url('app', '/xhr-reuse'));
    const second = await poll(() => servers.received('app', '/echo?xhr=second')[0]);
    // A marker after everything the page script started: anything still due has arrived by now.
    await page.evaluate(
      (url) => fetch(url).then((r) => r.text()),
      servers.url('app', '/echo?marker'),
    );
    expect(servers.received('app', '/echo').map((r) => r.path)).toEqual([
      '/echo?xhr=second',
      '/echo?marker',
    ]);
    expect(second.method).toBe('POST');
    expect(second.body).toBe('SECOND');
    expect(second.headers['x-second']).toBe('yes');
    expect(second.headers['x-late']).toBeUndefined();
    expect(traceparentFields(second.headers.traceparent)).not.toBeNull();
    expect(
      await page.evaluate(() => [
        (window as { lateHeader?: string }).lateHeader,
        (window as { abortEvent?: string }).abortEvent,
      ]),
    ).toEqual(['InvalidStateError', 'abort']);
  });

  test('XHR: held propagation headers keep their place and spelling among themselves', async () => {
    await page.goto(servers.url('app', '/'));
    servers.clear();
    await page.evaluate(
      (url) =>
        new Promise<void>((resolve) => {
          const xhr = new XMLHttpRequest();
          xhr.open('POST', url);
          xhr.setRequestHeader('Baggage', 'page=1');
          xhr.setRequestHeader('X-Other', 'o');
          xhr.onloadend = () => {
            resolve();
          };
          xhr.send('x');
        }),
      servers.url('app', '/echo?xhr=order'),
    );
    const [request] = servers.received('app', '/echo');
    const names = (request?.rawHeaders ?? []).map(([name]) => name);
    expect(names).toContain('Baggage');
    expect(request?.headers.baggage).toBe('page=1,user.id=12345');
  });
});
