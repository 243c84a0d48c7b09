import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { RETIRED_VIEW_MS } from '../../src/core/config';
import { launchChromium, type ChromiumSession } from '../support/chromium';
import { applyConfig, testConfig } from '../support/extension-config';
import { pageViewOf, tabIdOf } from '../support/extension-state';
import { poll } from '../support/poll';
import {
  officialExtract,
  propagationHeaderNames,
  traceparentFields,
} from '../support/propagation-check';
import { HOST_NAMES, startTraceServers, type TraceServers } from '../support/trace-servers';

describe('Chromium: header injection', () => {
  let browser: ChromiumSession;
  let servers: TraceServers;
  let page: Page;

  /** Opens the app page fresh, so the hook and bridge of the current settings are in it. */
  async function openApp(): Promise<void> {
    await page.goto(servers.url('app', '/'));
    servers.clear();
  }

  beforeAll(async () => {
    servers = await startTraceServers();
    browser = await launchChromium({ loopbackHosts: HOST_NAMES });
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser.close();
    await servers.close();
  });
  beforeEach(async () => {
    await applyConfig(browser.worker, testConfig());
    await openApp();
  });

  test('no tab on an enabled site: no session rules at all, so other sites pay nothing', async () => {
    const rules = () =>
      browser.worker.evaluate(async () =>
        (await chrome.declarativeNetRequest.getSessionRules()).map((r) => r.id),
      );
    await expect.poll(rules).not.toEqual([]);
    await page.goto('about:blank');
    // Any rule, even one that matches nothing here, makes Chromium run every request of every
    // tab through the extension's header hook (BENCHMARKS.md, in-page cost). The page's go once
    // its requests in flight are over (RETIRED_VIEW_MS: a keepalive request outlives its page).
    await expect.poll(rules, { timeout: RETIRED_VIEW_MS + 10_000, interval: 500 }).toEqual([]);
    await openApp();
    const ids = await poll(async () => {
      const now = await rules();
      return now.length > 0 ? now : undefined;
    });
    // The tab's own rules and the shared ones (ids 1–512) are back together.
    expect(ids.some((id) => id <= 512)).toBe(true);
    expect(ids.some((id) => id > 512)).toBe(true);
  });

  test('1,000 page-mode fetches carry 1,000 distinct parent ids', async () => {
    await page.evaluate(
      async (url) => {
        await Promise.all(Array.from({ length: 1000 }, (_, i) => fetch(`${url}?i=${i}`)));
      },
      servers.url('app', '/echo'),
    );
    const received = servers.received('app', '/echo');
    expect(received).toHaveLength(1000);
    const parents = received.map((r) => traceparentFields(r.headers.traceparent)?.spanId);
    expect(parents.every((id) => id !== undefined)).toBe(true);
    expect(new Set(parents).size).toBe(1000);
  });

  test('every enabled format is present and the official propagators extract it', async () => {
    const config = testConfig({
      propagators: {
        traceparent: true,
        baggage: true,
        tracestate: 'tc=browser',
        b3: 'multi',
        jaeger: true,
        debug: false,
      },
      baggage: [
        { key: 'user.id', value: '12345' },
        { key: 'tenant', value: 'acme corp' },
      ],
    });
    await applyConfig(browser.worker, config);
    await openApp();
    await page.evaluate((url) => fetch(url), servers.url('app', '/echo'));
    const [request] = servers.received('app', '/echo');
    const headers = request?.headers ?? {};
    const fields = traceparentFields(headers.traceparent);
    expect(fields).not.toBeNull();
    expect(headers.tracestate).toBe('tc=browser');
    const official = officialExtract(headers);
    expect(official.w3c).toMatchObject({ traceId: fields?.traceId, spanId: fields?.spanId });
    expect(official.b3).toMatchObject({ traceId: fields?.traceId, spanId: fields?.spanId });
    expect(official.jaeger).toMatchObject({ traceId: fields?.traceId, spanId: fields?.spanId });
    expect(official.baggage).toEqual({ 'user.id': '12345', tenant: 'acme corp' });
    expect(headers['uberctx-tenant']).toBeDefined();
  });

  test('a third party receives no propagation header, directly or after a redirect', async () => {
    const third = servers.url('third', '/echo');
    await page.evaluate(
      async ([direct, viaApp, viaStrict]) => {
        await fetch(direct ?? '', { mode: 'no-cors' });
        // cors mode, so the page hook adds headers (no-cors drops non-safelisted ones)
        await fetch(viaApp ?? '');
        await fetch(viaStrict ?? '', { mode: 'no-cors' });
        const img = new Image();
        img.src = direct ?? '';
        await img.decode().catch(() => undefined);
      },
      [
        third,
        servers.url('app', `/redirect?to=${encodeURIComponent(third)}`),
        servers.url('strict', `/redirect?to=${encodeURIComponent(third)}`),
      ],
    );
    const received = await poll(() => {
      const all = servers.received('third', '/echo');
      return all.length >= 4 ? all : undefined;
    });
    for (const request of received) expect(propagationHeaderNames(request.headers)).toEqual([]);
    // The redirecting hops did carry context: the rule is about the destination.
    expect(servers.received('app', '/redirect')[0]?.headers.traceparent).toBeDefined();
    expect(servers.received('strict', '/redirect')[0]?.headers.traceparent).toBeDefined();
  });

  test('fetch(url) resolves against the document base as the browser does, whatever the page fakes', async () => {
    const third = servers.url('third', '/');
    await page.evaluate(
      async ([thirdBase, own]) => {
        await fetch(own ?? ''); // a plain call to the page's own origin
        const base = document.createElement('base');
        base.href = thirdBase ?? '';
        document.head.append(base);
        // The page claims its own origin as the base; fetch still resolves against the <base>.
        Object.defineProperty(document, 'baseURI', { get: () => location.origin + '/' });
        await fetch('echo?relative=1');
      },
      [third, servers.url('app', '/echo')],
    );
    const toThird = await poll(() => servers.received('third', '/echo')[0]);
    expect(toThird.path).toContain('relative=1');
    expect(propagationHeaderNames(toThird.headers)).toEqual([]);
    expect(servers.received('app', '/echo')[0]?.headers.traceparent).toBeDefined();
  });

  test('a network-mode target gets headers on a plain GET with no preflight, despite strict CORS', async () => {
    const result = await page.evaluate(
      async (url) => {
        const response = await fetch(url);
        return { status: response.status, body: (await response.json()) as unknown };
      },
      servers.url('strict', '/echo'),
    );
    expect(result).toEqual({ status: 200, body: { ok: true } });
    const received = servers.received('strict');
    expect(received.map((r) => r.method)).toEqual(['GET']);
    const fields = traceparentFields(received[0]?.headers.traceparent);
    const view = await pageViewOf(browser.worker, await tabIdOf(browser.worker, page.url()));
    expect(fields).toMatchObject({ traceId: view?.traceId, spanId: view?.spanId });
  });

  test('a page-mode cross-origin target gets a preflight that the server allows', async () => {
    const status = await page.evaluate(
      async (url) => (await fetch(url)).status,
      servers.url('api', '/echo'),
    );
    expect(status).toBe(200);
    const methods = servers.received('api', '/echo').map((r) => r.method);
    expect(methods).toEqual(['OPTIONS', 'GET']);
    expect(
      traceparentFields(servers.received('api', '/echo')[1]?.headers.traceparent),
    ).not.toBeNull();
  });

  test('fetch: every signature gets headers and the caller objects stay untouched', async () => {
    const untouched = await page.evaluate(
      async (base) => {
        const url = (n: number) => `${base}?sig=${n}`;
        const headersObj = new Headers({ 'x-case': 'headers' });
        const arrayHeaders: [string, string][] = [['x-case', 'array']];
        const recordHeaders = { 'x-case': 'record' };
        const request = new Request(url(4), { headers: { 'x-case': 'request' } });
        const request2 = new Request(url(5), { headers: { 'x-case': 'lost' } });
        const init = { headers: recordHeaders };
        await fetch(url(0));
        await fetch(new URL(url(1)));
        await fetch(url(2), { headers: headersObj });
        await fetch(url(3), { headers: arrayHeaders });
        await fetch(request);
        await fetch(request2, { headers: { 'x-case': 'init' } });
        await fetch(url(6), init);
        await fetch(url(7), { method: 'POST', body: 'payload' });
        return [
          headersObj.has('traceparent'),
          arrayHeaders.length !== 1,
          'traceparent' in recordHeaders,
          request.headers.has('traceparent'),
          request2.headers.has('traceparent'),
          Object.keys(init).length !== 1,
        ];
      },
      servers.url('app', '/echo'),
    );
    expect(untouched).toEqual([false, false, false, false, false, false]);
    const bySig = new Map(
      servers
        .received('app', '/echo')
        .map((r) => [new URL(r.path, 'http://x').searchParams.get('sig'), r]),
    );
    expect([...bySig.keys()].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
    for (const request of bySig.values())
      expect(traceparentFields(request.headers.traceparent)).not.toBeNull();
    expect(bySig.get('2')?.headers['x-case']).toBe('headers');
    expect(bySig.get('3')?.headers['x-case']).toBe('array');
    expect(bySig.get('4')?.headers['x-case']).toBe('request');
    expect(bySig.get('5')?.headers['x-case']).toBe('init');
    expect(bySig.get('7')?.method).toBe('POST');
  });

  test('XMLHttpRequest: open, setRequestHeader and send', async () => {
    await page.evaluate(
      (url) =>
        new Promise<void>((resolve, reject) => {
          const xhr = new XMLHttpRequest();
          xhr.open('GET', url);
          xhr.setRequestHeader('x-case', 'xhr');
          xhr.onload = () => {
            resolve();
          };
          xhr.onerror = () => {
            reject(new Error('xhr failed'));
          };
          xhr.send();
        }),
      servers.url('app', '/echo?xhr=1'),
    );
    const [request] = servers.received('app', '/echo');
    expect(request?.headers['x-case']).toBe('xhr');
    expect(traceparentFields(request?.headers.traceparent)).not.toBeNull();
    expect(request?.headers.baggage).toBe('user.id=12345');
  });

  test('keep leaves a traceparent the page set untouched, on fetch and XHR', async () => {
    const own = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    await page.evaluate(
      async ([url, value]) => {
        await fetch(`${url}?via=fetch`, { headers: { traceparent: value } });
        await new Promise<void>((resolve) => {
          const xhr = new XMLHttpRequest();
          xhr.open('GET', `${url}?via=xhr`);
          xhr.setRequestHeader('traceparent', value);
          xhr.onloadend = () => {
            resolve();
          };
          xhr.send();
        });
      },
      [servers.url('app', '/echo'), own] as const,
    );
    const received = servers.received('app', '/echo');
    expect(received).toHaveLength(2);
    for (const request of received) {
      expect(request.headers.traceparent).toBe(own);
      // The bridge planned around the page's header: the configured baggage still goes.
      expect(request.headers.baggage).toBe('user.id=12345');
    }
  });

  test('replace overwrites a traceparent the page set; a synchronous XHR cannot ask, so keeps it', async () => {
    await applyConfig(browser.worker, testConfig({ existingHeader: 'replace' }));
    const own = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    await page.evaluate(
      async ([url, value]) => {
        await fetch(`${url}?via=fetch`, { headers: { traceparent: value } });
        const xhr = (async: boolean, name: string, headers: [string, string][]) =>
          new Promise<void>((resolve) => {
            const request = new XMLHttpRequest();
            request.open('GET', `${url}?via=${name}`, async);
            for (const [key, v] of headers) request.setRequestHeader(key, v);
            request.onloadend = () => {
              resolve();
            };
            request.send();
          });
        await xhr(true, 'xhr', [['traceparent', value]]);
        await xhr(false, 'sync', [['traceparent', value]]);
        await xhr(false, 'sync-bare', []);
      },
      [servers.url('app', '/echo'), own] as const,
    );
    const sent = (via: string) => servers.received('app', `/echo?via=${via}`)[0]?.headers;
    for (const via of ['fetch', 'xhr']) {
      expect([via, traceparentFields(sent(via)?.traceparent)]).not.toEqual([via, null]);
      expect([via, sent(via)?.traceparent]).not.toEqual([via, own]);
    }
    expect(sent('sync')?.traceparent).toBe(own);
    expect(sent('sync')?.baggage).toBeUndefined();
    expect(traceparentFields(sent('sync-bare')?.traceparent)).not.toBeNull();
    expect(sent('sync-bare')?.baggage).toBe('user.id=12345');
  });

  test('a navigation request in network mode carries the page-view context', async () => {
    await page.evaluate(
      async (url) => {
        const frame = document.createElement('iframe');
        frame.src = url;
        const loaded = new Promise((resolve) => {
          frame.addEventListener('load', resolve);
        });
        document.body.append(frame);
        await loaded;
      },
      servers.url('strict', '/page'),
    );
    const [request] = servers.received('strict', '/page');
    const fields = traceparentFields(request?.headers.traceparent);
    expect(fields).not.toBeNull();
    const view = await pageViewOf(browser.worker, await tabIdOf(browser.worker, page.url()));
    expect(fields).toMatchObject({ traceId: view?.traceId, spanId: view?.spanId });
  });

  test('an invalid direct write is refused: the last good settings stay in force and stored', async () => {
    const good = await browser.worker.evaluate(
      async () => (await chrome.storage.local.get('config'))['config'],
    );
    const invalid = { ...testConfig(), sampling: { mode: 'sometimes' } };
    await browser.worker.evaluate(
      async (value) => chrome.storage.local.set({ config: value }),
      invalid,
    );
    const restored = await poll(async () => {
      const stored = await browser.worker.evaluate(async () => chrome.storage.local.get(null));
      return stored['configRejected'] === undefined ? undefined : stored;
    });
    expect(restored['configRejected']).toEqual(invalid);
    // Restored in its parsed form: every field of the last good settings, defaults filled in.
    expect(restored['config']).toMatchObject(good as Record<string, unknown>);
    await page.evaluate((url) => fetch(url).then((r) => r.text()), servers.url('app', '/echo'));
    expect(
      traceparentFields(servers.received('app', '/echo')[0]?.headers.traceparent),
    ).not.toBeNull();
  });

  test('the page has no channel to the extension', async () => {
    const reach = await page.evaluate((id) => {
      const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome
        ?.runtime;
      return { id, sendMessage: typeof runtime?.sendMessage };
    }, browser.extensionId);
    // No externally_connectable: page scripts get no runtime.sendMessage to reach the background.
    expect(reach.sendMessage).toBe('undefined');
  });

  test('turning the site off stops injection for the next request, without a reload', async () => {
    await page.evaluate((url) => fetch(url), servers.url('app', '/echo?n=1'));
    await applyConfig(browser.worker, testConfig({ sites: [] }));
    // The bridge hears of the change from storage on its own; probe until it has.
    await poll(async () => {
      servers.clear();
      await page.evaluate((url) => fetch(url), servers.url('app', '/echo?n=probe'));
      return servers.received('app', '/echo')[0]?.headers.traceparent === undefined
        ? true
        : undefined;
    });
    servers.clear();
    await page.evaluate((url) => fetch(url), servers.url('app', '/echo?n=2'));
    await page.evaluate((url) => fetch(url), servers.url('strict', '/echo?n=3'));
    const after = [...servers.received('app', '/echo'), ...servers.received('strict', '/echo')];
    expect(after).toHaveLength(2);
    for (const request of after) expect(propagationHeaderNames(request.headers)).toEqual([]);
  });
});
