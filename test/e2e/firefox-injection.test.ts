import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { testConfig } from '../support/extension-config';
import { launchFirefox, type FirefoxSession } from '../support/firefox';
import { poll } from '../support/poll';
import {
  officialExtract,
  propagationHeaderNames,
  traceparentFields,
} from '../support/propagation-check';
import { HOST_NAMES, startTraceServers, type TraceServers } from '../support/trace-servers';

/** Requests of every kind a page makes, counted so their total is 1,000. */
const MIX = { fetch: 250, xhr: 250, img: 200, script: 150, style: 100, frame: 50 };

describe('Firefox: header injection with blocking webRequest', () => {
  let firefox: FirefoxSession;
  let servers: TraceServers;
  let page: Page;

  beforeAll(async () => {
    servers = await startTraceServers();
    const config = testConfig({
      propagators: {
        traceparent: true,
        baggage: true,
        tracestate: 'tc=firefox',
        b3: 'single',
        jaeger: true,
        debug: false,
      },
      baggage: [
        { key: 'user.id', value: '12345' },
        { key: 'tenant', value: 'acme corp' },
      ],
    });
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

  test('1,000 requests of every type carry 1,000 distinct parent ids', async () => {
    await page.evaluate(
      async (mix, base) => {
        const load = (el: HTMLElement) =>
          new Promise((resolve) => {
            el.addEventListener('load', resolve);
            el.addEventListener('error', resolve);
            document.body.append(el);
          });
        const jobs: Promise<unknown>[] = [];
        for (let i = 0; i < mix.fetch; i++) jobs.push(fetch(`${base}/echo?fetch=${i}`));
        for (let i = 0; i < mix.xhr; i++) {
          jobs.push(
            new Promise((resolve) => {
              const xhr = new XMLHttpRequest();
              xhr.open('GET', `${base}/echo?xhr=${i}`);
              xhr.onloadend = resolve;
              xhr.send();
            }),
          );
        }
        for (let i = 0; i < mix.img; i++) {
          const img = document.createElement('img');
          img.src = `${base}/img?n=${i}`;
          jobs.push(load(img));
        }
        for (let i = 0; i < mix.script; i++) {
          const script = document.createElement('script');
          script.src = `${base}/script.js?n=${i}`;
          jobs.push(load(script));
        }
        for (let i = 0; i < mix.style; i++) {
          const link = document.createElement('link');
          link.rel = 'stylesheet';
          link.href = `${base}/style.css?n=${i}`;
          jobs.push(load(link));
        }
        for (let i = 0; i < mix.frame; i++) {
          const frame = document.createElement('iframe');
          frame.src = `${base}/page?n=${i}`;
          jobs.push(load(frame));
        }
        await Promise.all(jobs);
      },
      MIX,
      new URL(servers.url('app')).origin,
    );
    // Only the requests the page made (each has a query); not the document or the favicon.
    const received = servers.servers.app.requests.filter((r) => r.path.includes('?'));
    expect(received).toHaveLength(1000);
    const parents = received.map((r) => traceparentFields(r.headers.traceparent)?.spanId);
    expect(parents.filter((p) => p === undefined)).toEqual([]);
    expect(new Set(parents).size).toBe(1000);
  });

  test('every enabled format is present and the official propagators extract it', async () => {
    await page.evaluate((url) => fetch(url), servers.url('api', '/echo'));
    const request = servers.received('api', '/echo').find((r) => r.method === 'GET');
    const headers = request?.headers ?? {};
    const fields = traceparentFields(headers.traceparent);
    expect(fields).not.toBeNull();
    expect(headers.tracestate).toBe('tc=firefox');
    const official = officialExtract(headers);
    expect(official.w3c).toMatchObject({ traceId: fields?.traceId, spanId: fields?.spanId });
    expect(official.b3).toMatchObject({ traceId: fields?.traceId, spanId: fields?.spanId });
    expect(official.jaeger).toMatchObject({ traceId: fields?.traceId, spanId: fields?.spanId });
    expect(official.baggage).toEqual({ 'user.id': '12345', tenant: 'acme corp' });
  });

  test('no preflight: headers added by webRequest are invisible to CORS, even strict CORS', async () => {
    const status = await page.evaluate(
      async (url) => (await fetch(url)).status,
      servers.url('strict', '/echo'),
    );
    expect(status).toBe(200);
    const received = servers.received('strict', '/echo');
    expect(received.map((r) => r.method)).toEqual(['GET']);
    expect(traceparentFields(received[0]?.headers.traceparent)).not.toBeNull();
  });

  test('a third party receives no propagation header, directly or after a redirect', async () => {
    const third = servers.url('third', '/echo');
    await page.evaluate(
      async (urls) => {
        for (const url of urls) await fetch(url, { mode: 'no-cors' }).catch(() => undefined);
      },
      [
        third,
        servers.url('app', `/redirect?to=${encodeURIComponent(third)}`),
        servers.url('api', `/redirect?to=${encodeURIComponent(third)}`),
      ],
    );
    const received = await poll(() => {
      const all = servers.received('third', '/echo');
      return all.length >= 3 ? all : undefined;
    });
    for (const request of received) expect(propagationHeaderNames(request.headers)).toEqual([]);
    expect(
      traceparentFields(servers.received('app', '/redirect')[0]?.headers.traceparent),
    ).not.toBeNull();
  });

  test('keep leaves a traceparent the page set untouched', async () => {
    const own = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    await page.evaluate(
      (url, value) => fetch(url, { headers: { traceparent: value } }),
      servers.url('app', '/echo'),
      own,
    );
    expect(servers.received('app', '/echo')[0]?.headers.traceparent).toBe(own);
  });
});
