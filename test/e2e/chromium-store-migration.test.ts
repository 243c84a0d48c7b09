/**
 * Issue #9: a span database written by the previous release (version 1, one record per span) is
 * migrated to the chunk layout in real Chromium by the first extension page that opens the store,
 * with every span intact, also when that page is closed halfway through.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import type { RecordedSpan } from '../../src/core/span/model';
import { writeV1Spans } from '../fixtures/span-store-v1/v1-store';
import { launchChromium, type ChromiumSession } from '../support/chromium';
import { poll } from '../support/poll';
import { storedLayout, storedSpans } from '../support/stored-spans';

const DB = 'trace-capture';
const T0 = Date.UTC(2026, 0, 1);

/** Spans shaped like the recorder's: several traces, tabs and page views, some exported. */
function v1Spans(n: number): RecordedSpan[] {
  return Array.from({ length: n }, (_, i) => {
    const start = T0 + ((i * 7919) % n) * 3.5;
    const hex = (v: number, width: number) => v.toString(16).padStart(width, '0');
    return {
      traceId: hex(1 + (i % 97), 32),
      spanId: hex(i + 1, 16),
      ...(i % 4 === 0 ? {} : { parentSpanId: hex(0x5000 + (i % 11), 16) }),
      name: i % 4 === 0 ? 'page_view /' : 'GET /users/{id}',
      kind: i % 4 === 0 ? 1 : 3,
      startTime: start,
      endTime: start + (i % 200) + 0.25,
      attributes: {
        'http.request.method': 'GET',
        'url.full': `https://api.example.com/users/${String(i)}?token=REDACTED`,
        'url.template': '/users/{id}',
        'server.address': 'api.example.com',
        'server.port': 443,
        'http.response.status_code': i % 17 === 0 ? 503 : 200,
        'browser.trace.context_source': i % 2 === 0 ? 'extension' : 'page-view',
        'http.request.header.traceparent': [`00-${hex(1 + (i % 97), 32)}-${hex(i + 1, 16)}-01`],
      },
      events: [
        { name: 'fetchStart', time: start },
        { name: 'responseEnd', time: start + (i % 200) },
      ],
      status: i % 17 === 0 ? { code: 2, message: 'HTTP 503 Service Unavailable' } : { code: 0 },
      context: {
        tabId: 1_000_000_000 + (i % 3),
        pageViewId: hex(0x5000 + (i % 11), 16),
        pageUrl: 'https://app.example.com/users',
      },
      exported: i % 5 === 0 ? 1 : 0,
    } satisfies RecordedSpan;
  });
}

const byKey = (spans: readonly RecordedSpan[]) =>
  [...spans].sort((a, b) =>
    a.traceId === b.traceId ? (a.spanId < b.spanId ? -1 : 1) : a.traceId < b.traceId ? -1 : 1,
  );

describe('Chromium: migrating the span database from version 1', () => {
  let browser: ChromiumSession | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  /** A fresh profile whose extension has not opened the span database, given `spans` in v1. */
  async function withVersion1(spans: readonly RecordedSpan[]): Promise<ChromiumSession> {
    // No DevTools: its devtools page would open (and create) the database first.
    const session = await launchChromium();
    browser = session;
    expect(await storedLayout(session.worker)).toBeNull();
    await session.worker.evaluate(writeV1Spans, { name: DB, spans });
    expect(await storedLayout(session.worker)).toEqual({ version: 1, stores: ['spans'] });
    return session;
  }

  /** The Traces panel as a tab: it opens the store, which migrates, then shows the count. */
  async function openPanel(session: ChromiumSession): Promise<Page> {
    const panel = await session.context.newPage();
    await panel.goto(`chrome-extension://${session.extensionId}/devtools/panel.html`);
    return panel;
  }

  test('the first page to open the store migrates every span, exactly', async ({ annotate }) => {
    const spans = v1Spans(5000);
    const session = await withVersion1(spans);
    const panel = await openPanel(session);
    await poll(
      async () => (await panel.locator('main[data-phase="complete"]').count()) || undefined,
      {
        timeoutMs: 60_000,
        what: 'the panel to read the migrated spans',
      },
    );
    expect(await storedLayout(session.worker)).toEqual({
      version: 2,
      stores: ['chunks', 'meta', 'rows'],
    });
    expect(byKey(await storedSpans(session.worker))).toEqual(byKey(spans));
    await annotate(`${String(spans.length)} version-1 spans, all migrated unchanged`, 'figure');
  });

  test('closing the page mid-migration loses nothing, and the next open finishes it', async ({
    annotate,
  }) => {
    const spans = v1Spans(20_000);
    const session = await withVersion1(spans);
    const panel = await openPanel(session);
    // The panel is in this phase from its first render until the store is open: the upgrade runs.
    await poll(
      async () => (await panel.locator('main[data-phase="opening"]').count()) || undefined,
      {
        what: 'the panel to start opening the store',
      },
    );
    await panel.close();
    // Whether the close beat the upgrade's commit or not, the spans are all there, in one layout.
    expect(byKey(await storedSpans(session.worker))).toEqual(byKey(spans));

    const again = await openPanel(session);
    await poll(
      async () => (await again.locator('main[data-phase="complete"]').count()) || undefined,
      {
        timeoutMs: 120_000,
        what: 'the panel to read the migrated spans',
      },
    );
    expect((await storedLayout(session.worker))?.version).toBe(2);
    expect(byKey(await storedSpans(session.worker))).toEqual(byKey(spans));
    await annotate(
      `${String(spans.length)} version-1 spans, page closed mid-upgrade: all there after the next open`,
      'figure',
    );
  });
});
