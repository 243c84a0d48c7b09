import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RecordedSpan } from '../../src/core/span/model';
import { launchChromium, type ChromiumSession } from '../support/chromium';
import { applyConfig, testConfig } from '../support/extension-config';
import { reloadOnceRecording, tabIdOf } from '../support/extension-state';
import { poll } from '../support/poll';
import { traceparentFields } from '../support/propagation-check';
import { freePort } from '../support/http-server';
import { storedSpans } from '../support/stored-spans';
import { HOST_NAMES, startTraceServers, type TraceServers } from '../support/trace-servers';

const PAGE_EVENTS = ['fetchStart', 'requestStart', 'responseStart', 'responseEnd'];

describe('Chromium: recording with DevTools open', () => {
  let browser: ChromiumSession;
  let servers: TraceServers;
  let page: Page;
  let spans: RecordedSpan[];
  let tabId: number;
  let closedPort: number;

  // The request itself, not its CORS preflight (Chromium reports that as its own OPTIONS entry).
  const spanFor = (marker: string) =>
    spans.find(
      (s) =>
        s.kind === 3 &&
        s.attributes['http.request.method'] !== 'OPTIONS' &&
        String(s.attributes['url.full']).includes(marker),
    );

  beforeAll(async () => {
    servers = await startTraceServers();
    browser = await launchChromium({
      devtools: true,
      loopbackHosts: [...HOST_NAMES, 'closed.test'],
    });
    closedPort = await freePort();
    await applyConfig(browser.worker, testConfig());
    page = await browser.context.newPage();
    await page.goto(servers.url('app', '/'));
    tabId = await tabIdOf(browser.worker, page.url());
    // DevTools opens with the tab; requests before its recorder is up are not in its log.
    await reloadOnceRecording(browser.worker, page, tabId);
    servers.clear();
    await page.evaluate(
      async ([app, api, strict, third, missing]) => {
        // DevTools reports a request finished only once its body has been read.
        const read = async (url: string, init?: RequestInit) => (await fetch(url, init)).text();
        await read(`${app}/echo?rec=same-origin`);
        await read(`${api}/echo?rec=page-target`);
        await read(`${strict}/echo?rec=network-target`);
        await read(`${third}/echo?rec=third-party&token=s3cret`, { mode: 'no-cors' });
        await read(`${app}/missing?rec=not-found`);
        await read(`${missing}/echo?rec=refused`).catch(() => undefined);
      },
      [
        new URL(servers.url('app')).origin,
        new URL(servers.url('api')).origin,
        new URL(servers.url('strict')).origin,
        new URL(servers.url('third')).origin,
        `http://closed.test:${closedPort}`,
      ],
    );
    spans = await poll(
      async () => {
        const all = await storedSpans(browser.worker);
        const markers = [
          'same-origin',
          'page-target',
          'network-target',
          'third-party',
          'not-found',
          'refused',
        ];
        return markers.every((m) => all.some((s) => String(s.attributes['url.full']).includes(m)))
          ? all
          : undefined;
      },
      { what: 'the recorded spans in IndexedDB' },
    );
  });
  afterAll(async () => {
    await browser.close();
    await servers.close();
  });

  test('a page-mode request: the client span id is the parent id the server received', () => {
    const received = servers.received('app', '/echo').find((r) => r.path.includes('same-origin'));
    const sent = traceparentFields(received?.headers.traceparent);
    const span = spanFor('same-origin');
    expect(sent).not.toBeNull();
    expect(span).toMatchObject({
      traceId: sent?.traceId,
      spanId: sent?.spanId,
      name: 'GET /echo',
      kind: 3,
      status: { code: 0 },
      context: { tabId, pageUrl: servers.url('app', '/') },
      exported: 0,
    });
    expect(span?.parentSpanId).toBeUndefined();
    expect(span?.attributes).toMatchObject({
      'http.request.method': 'GET',
      'http.response.status_code': 200,
      'url.scheme': 'http',
      'url.template': '/echo',
      'server.address': 'app.test',
      'server.port': servers.servers.app.port,
      'http.request.header.traceparent': [received?.headers.traceparent],
    });
    expect(span?.events.map((e) => e.name)).toEqual(expect.arrayContaining(PAGE_EVENTS));
    expect(span && span.endTime >= span.startTime).toBe(true);
  });

  test('a cross-origin page-mode target: same rule', () => {
    const received = servers.received('api', '/echo').find((r) => r.method === 'GET');
    const sent = traceparentFields(received?.headers.traceparent);
    expect(spanFor('page-target')).toMatchObject({ traceId: sent?.traceId, spanId: sent?.spanId });
  });

  test('a network-mode request is a child of the page-view span, recorded with that exact id', () => {
    const received = servers.received('strict', '/echo')[0];
    const sent = traceparentFields(received?.headers.traceparent);
    const span = spanFor('network-target');
    expect(span).toMatchObject({ traceId: sent?.traceId, parentSpanId: sent?.spanId });
    expect(span?.spanId).not.toBe(sent?.spanId);
    const pageView = spans.find((s) => s.spanId === sent?.spanId);
    expect(pageView).toMatchObject({ traceId: sent?.traceId, kind: 1, name: 'page_view /' });
    expect(pageView?.parentSpanId).toBeUndefined();
    expect(pageView && span && pageView.startTime <= span.startTime).toBe(true);
    expect(pageView && span && pageView.endTime >= span.endTime).toBe(true);
  });

  test('a third-party request carried no context: its own new trace, secrets redacted', () => {
    const span = spanFor('third-party');
    const others = ['same-origin', 'page-target', 'network-target'].map((m) => spanFor(m)?.traceId);
    expect(span).toBeDefined();
    expect(others).not.toContain(span?.traceId);
    expect(span?.parentSpanId).toBeUndefined();
    expect(String(span?.attributes['url.full'])).not.toContain('s3cret');
    expect(
      Object.keys(span?.attributes ?? {}).filter((k) => k.startsWith('http.request.header.')),
    ).toEqual([]);
  });

  test('a 404 and a refused connection are errors', () => {
    expect(spanFor('not-found')).toMatchObject({
      status: { code: 2 },
      attributes: { 'http.response.status_code': 404, 'error.type': '404' },
    });
    const refused = spanFor('refused');
    expect(refused?.status.code).toBe(2);
    expect(String(refused?.attributes['error.type'])).toMatch(/^net::ERR_/);
  });
});
