/**
 * Issue #8, items 12 and 13, as a user meets them: hostile URLs must not stall the recorder, and
 * secrets in URLs and propagation headers never reach the store.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type ChromiumSession } from '../support/chromium';
import { applyConfig, testConfig } from '../support/extension-config';
import { openRecordedPage } from '../support/extension-state';
import { poll } from '../support/poll';
import { storedSpans } from '../support/stored-spans';
import { HOST_NAMES, startTraceServers, type TraceServers } from '../support/trace-servers';

describe('Chromium: recording hostile and secret-bearing requests', () => {
  let browser: ChromiumSession;
  let servers: TraceServers;
  let page: Page;

  const recorded = (marker: string) =>
    poll(
      async () => {
        const spans = await storedSpans(browser.worker);
        return spans.some((s) => String(s.attributes['url.full']).includes(marker))
          ? spans
          : undefined;
      },
      { what: `a span for ${marker}` },
    );

  beforeAll(async () => {
    servers = await startTraceServers();
    browser = await launchChromium({ devtools: true, loopbackHosts: HOST_NAMES });
    await applyConfig(browser.worker, testConfig());
    page = await openRecordedPage(browser, servers.url('app', '/'));
  });
  afterAll(async () => {
    await browser.close();
    await servers.close();
  });

  test('three 2 MB "?a&a&…" URLs do not hold up the span recorded after them', async () => {
    await page.evaluate(
      async (echo) => {
        const hostile = `${echo}?${'a&'.repeat(1_000_000)}`;
        // The server refuses a request line this long; the request still ends, and is recorded.
        for (let i = 0; i < 3; i++) {
          await fetch(`${hostile}${String(i)}`).then(
            (r) => r.text(),
            () => undefined,
          );
        }
        await fetch(`${echo}?rec=after-hostile`).then((r) => r.text());
      },
      servers.url('app', '/echo'),
    );
    const spans = await recorded('rec=after-hostile');
    const hostile = spans.filter((s) => String(s.attributes['url.full']).includes('?a&a&'));
    expect(hostile).toHaveLength(3);
    for (const span of hostile)
      expect(String(span.attributes['url.full']).length).toBeLessThanOrEqual(8192);
  });

  test('secrets in the URL, nested in an encoded URL, and in propagation headers are never stored', async () => {
    await page.evaluate(
      async (echo) => {
        const nested = encodeURIComponent('https://idp.example/cb?access_token=SECRET_NESTED&x=1');
        await fetch(
          `${echo}?rec=secrets&authtoken=SECRET_COMPOUND&tok%2565n=SECRET_DOUBLE&to=${nested}`,
          {
            headers: {
              baggage: 'user.id=1,session_token=SECRET_BAGGAGE;p=1',
              'uberctx-sessiontoken': 'SECRET_UBERCTX',
              authorization: 'Bearer SECRET_AUTH',
            },
          },
        ).then((r) => r.text());
      },
      servers.url('app', '/echo'),
    );
    const spans = await recorded('rec=secrets');
    const span = spans.find((s) => String(s.attributes['url.full']).includes('rec=secrets'));
    const stored = JSON.stringify(spans);
    expect(stored.match(/SECRET_[A-Z]+/g) ?? []).toEqual([]);
    // The rest is kept byte for byte, so the stored URL still reads like the one DevTools shows.
    expect(String(span?.attributes['url.full'])).toContain('access_token%3DREDACTED%26x%3D1');
    expect(span?.attributes['http.request.header.baggage']).toEqual([
      'user.id=1,session_token=REDACTED;p=1',
    ]);
  });
});
