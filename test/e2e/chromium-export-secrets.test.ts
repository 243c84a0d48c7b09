/**
 * Issue #13, "secrets stay home in exports too": a page plants secrets everywhere a request can
 * carry them (cookie, Authorization, Set-Cookie, sensitive query values, an encoded URL inside a
 * value, baggage and uberctx members), the requests are recorded, exported as OTLP/JSON and as
 * gzipped OTLP/protobuf, and every byte the receiver got is searched for them.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type ChromiumSession } from '../support/chromium';
import { exportEnded, quietExtensionPage, runExport } from '../support/export-control';
import { applyConfig, exportSettings, testConfig } from '../support/extension-config';
import { openRecordedPage } from '../support/extension-state';
import { startOtlpBackend, type OtlpBackend } from '../support/otlp-backend';
import { poll } from '../support/poll';
import { storedSpans } from '../support/stored-spans';
import { HOST_NAMES, startTraceServers, type TraceServers } from '../support/trace-servers';

/** Every planted value starts so; none may reach the receiver. */
const SECRET = /SECRET_[A-Z]+/g;
/** The export's own credential: it goes in the request's headers, never in its body. */
const EXPORT_TOKEN = 'e2e-token';

describe('Chromium: what the export sends holds none of the secrets a page planted', () => {
  let browser: ChromiumSession;
  let servers: TraceServers;
  let backend: OtlpBackend;
  let page: Page;

  const config = (overrides: Record<string, unknown>) =>
    testConfig({ export: exportSettings(backend.tracesUrl, overrides) });

  beforeAll(async () => {
    servers = await startTraceServers();
    backend = await startOtlpBackend({ keepBodies: true });
    browser = await launchChromium({ devtools: true, loopbackHosts: HOST_NAMES });
    await applyConfig(browser.worker, config({}));
    page = await openRecordedPage(browser, servers.url('app', '/'));
  });
  afterAll(async () => {
    await browser.close();
    await backend.close();
    await servers.close();
  });

  /** Requests carrying every kind of secret; resolves once all of them are stored. */
  async function plant(marker: string): Promise<void> {
    await page.evaluate(
      async ([base, tag]) => {
        document.cookie = 'sid=SECRET_COOKIE; path=/';
        const nested = encodeURIComponent('https://idp.example/cb?access_token=SECRET_NESTED&x=1');
        await fetch(`${base}/echo?rec=${tag}&password=SECRET_QUERY&to=${nested}`, {
          headers: {
            authorization: 'Bearer SECRET_AUTH',
            baggage: 'user.id=1,session_token=SECRET_BAGGAGE',
            'uberctx-sessiontoken': 'SECRET_UBERCTX',
          },
        }).then((r) => r.text());
        await fetch(`${base}/set-cookie?rec=${tag}-cookie`).then((r) => r.text());
      },
      [servers.url('app', '').replace(/\/$/, ''), marker] as const,
    );
    await poll(
      async () => {
        const urls = (await storedSpans(browser.worker)).map((s) =>
          String(s.attributes['url.full']),
        );
        return urls.some((u) => u.includes(`rec=${marker}&`)) &&
          urls.some((u) => u.includes(`rec=${marker}-cookie`))
          ? true
          : undefined;
      },
      { what: `the spans of ${marker}` },
    );
  }

  async function exportEverything(): Promise<void> {
    const quiet = await quietExtensionPage(browser);
    const since = Date.now();
    await runExport(quiet);
    const status = await exportEnded(quiet, since);
    expect(status.last).toMatchObject({ ok: true });
    expect(status.unexported).toBe(0);
    await quiet.close();
  }

  test.each([
    ['OTLP/JSON', { protocol: 'json', compression: 'none' }],
    ['OTLP/protobuf, gzip', { protocol: 'protobuf', compression: 'gzip' }],
  ])('%s: no planted secret in any byte sent', async (name, overrides) => {
    await applyConfig(browser.worker, config(overrides));
    const marker = name.startsWith('OTLP/JSON') ? 'secrets-json' : 'secrets-proto';
    await plant(marker);
    backend.clear();
    await exportEverything();

    const bodies = backend.requests.map((r) => r.body.toString('latin1'));
    expect(bodies.length).toBeGreaterThan(0);
    const sent = bodies.join('\n');
    // The spans went, with their redacted URLs: the scan below reads real exports.
    expect(sent).toContain(`rec=${marker}&password=REDACTED`);
    expect(sent).toContain(`rec=${marker}-cookie`);
    expect(sent).toContain('session_token=REDACTED');
    expect(sent.match(SECRET) ?? []).toEqual([]);
    expect(sent).not.toContain(EXPORT_TOKEN);
    for (const header of ['cookie', 'set-cookie', 'authorization']) {
      expect(sent).not.toContain(`http.request.header.${header}`);
      expect(sent).not.toContain(`http.response.header.${header}`);
    }
  });
});
