/**
 * Issue #8 on Firefox (blocking webRequest): service workers, frames, page-set uberctx headers,
 * CORS preflights and the page's own baggage. Third-party servers must see no propagation header;
 * allowed destinations their context.
 */
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { testConfig } from '../support/extension-config';
import { launchFirefox, type FirefoxSession } from '../support/firefox';
import { framesLeakNothing, redirectVia, thirdPartySawNothing } from '../support/leak-checks';
import { appendFrame, controlledByWorker, frameAt } from '../support/page-scripts';
import { propagationHeaderNames, traceparentFields } from '../support/propagation-check';
import { HOST_NAMES, startTraceServers, type TraceServers } from '../support/trace-servers';

describe('Firefox: no header leaks through unusual paths', () => {
  let firefox: FirefoxSession;
  let servers: TraceServers;
  let page: Page;

  const third = () => servers.url('third', '/echo');
  const viaApp = (to: string) => redirectVia(servers, 'app', to);
  const thirdSawNothing = (count: number) => thirdPartySawNothing(servers, count);

  beforeAll(async () => {
    servers = await startTraceServers();
    const loopbackApp = servers.loopbackUrl('app').replace(/\/$/, '');
    const config = testConfig({ sites: ['http://app.test:*', loopbackApp] });
    firefox = await launchFirefox({ storage: { config }, loopbackHosts: HOST_NAMES });
    page = await firefox.browser.newPage();
  });
  afterAll(async () => {
    await firefox.close();
    await servers.close();
  });
  beforeEach(async () => {
    await page.goto(servers.url('app', '/'));
    servers.clear();
  });

  // Firefox was never affected (webRequest judges every hop); these guard it.
  test("a service worker forwarding the page's request gets context home, none elsewhere", async () => {
    await page.goto(servers.loopbackUrl('app', '/sw/page'));
    await page.evaluate(controlledByWorker);
    servers.clear();
    const to = encodeURIComponent(third());
    await page.evaluate(
      async (home, away) => {
        await fetch(home).then((r) => r.text());
        // As a page SDK would: its own context and baggage, which the worker resends.
        const own = {
          traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
          baggage: 'k=v',
        };
        await fetch(away, { headers: own }).then((r) => r.text());
      },
      '/sw/echo?via-sw=1',
      `/sw/redirect?via-sw=1&to=${to}`,
    );
    expect(
      traceparentFields(servers.received('app', '/sw/echo')[0]?.headers.traceparent),
    ).not.toBeNull();
    await thirdSawNothing(1);
  });

  test('an enabled site framed by a page that is not enabled never leaks through a redirect', async () => {
    await page.goto(servers.url('third', '/page'));
    const frame = await addFrameTo(page, servers.url('app', '/page'));
    servers.clear();
    await frame.evaluate(async (url) => fetch(url).then((r) => r.text()), viaApp(third()));
    await thirdSawNothing(1);
  });

  test('a widget frame of another site keeps its own headers and gets none of ours', async () => {
    const own = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const widget = await addFrameTo(page, servers.url('third', '/page'));
    servers.clear();
    await widget.evaluate(
      async (home, strict, value) => {
        await fetch(home, { headers: { traceparent: value } }).then((r) => r.text());
        await fetch(strict).then((r) => r.text());
      },
      third(),
      servers.url('strict', '/echo'),
      own,
    );
    expect(servers.received('third', '/echo')[0]?.headers.traceparent).toBe(own);
    expect(propagationHeaderNames(servers.received('strict', '/echo')[0]?.headers ?? {})).toEqual(
      [],
    );
  });

  test('uberctx headers the page set for keys nobody configured never reach a third party', async () => {
    await page.evaluate(
      async (redirect, direct) => {
        await fetch(redirect, { headers: { 'uberctx-page.own': 'x' } }).then((r) => r.text());
        await fetch(direct, { headers: { 'uberctx-direct': 'y' } }).then((r) => r.text());
      },
      viaApp(third()),
      third(),
    );
    await thirdSawNothing(2);
    expect(servers.received('app', '/redirect')[0]?.headers['uberctx-page.own']).toBe('x');
  });

  test('uberctx headers set through an about:blank or srcdoc frame never reach a third party', async () => {
    await framesLeakNothing(servers, (fn, job) => page.evaluate(fn, job));
  });

  test('a CORS preflight carries no context; the request it clears does', async () => {
    await page.evaluate(
      async (url) => fetch(url, { headers: { 'x-custom': '1' } }).then((r) => r.text()),
      servers.url('api', '/echo'),
    );
    const [preflight, request] = servers.received('api', '/echo');
    expect(preflight?.method).toBe('OPTIONS');
    expect(propagationHeaderNames(preflight?.headers ?? {})).toEqual([]);
    expect(request?.method).toBe('GET');
    expect(traceparentFields(request?.headers.traceparent)).not.toBeNull();
  });

  test("the page's own baggage goes out as written, ours appended, in its place", async () => {
    await page.evaluate(
      async (url) =>
        fetch(url, {
          headers: { 'X-First': '1', baggage: 'a=1 ;p=v,bad key=2', 'X-Last': '2' },
        }).then((r) => r.text()),
      servers.url('app', '/echo'),
    );
    const [request] = servers.received('app', '/echo');
    expect(request?.headers.baggage).toBe('a=1 ;p=v,bad key=2,user.id=12345');
    const names = (request?.rawHeaders ?? []).map(([name]) => name.toLowerCase());
    const at = (name: string) => names.indexOf(name);
    expect(at('x-first')).toBeLessThan(at('baggage'));
    expect(at('baggage')).toBeLessThan(at('x-last'));
  });
});

async function addFrameTo(page: Page, url: string): Promise<Frame> {
  await page.evaluate(appendFrame, url);
  return frameAt(page, url);
}
