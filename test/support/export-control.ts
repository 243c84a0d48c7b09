/**
 * Drives the background's exporter over its typed messages from an extension page, as the popup
 * and the panel do, for tests that need exact control (the UI tests click the real buttons).
 */
import type { Page } from 'playwright-core';
import type { ChromiumSession } from './chromium';
import type { ExportOutcome, ExportStatus } from '../../src/shared/messages';
import { poll } from './poll';

type Name = 'export/status' | 'export/run' | 'export/test';

async function ask<T>(page: Page, name: Name, payload: unknown): Promise<T> {
  const reply: unknown = await page.evaluate(
    ([n, p]): Promise<unknown> => chrome.runtime.sendMessage({ protocol: 1, name: n, payload: p }),
    [name, payload] as const,
  );
  const typed = reply as { ok: true; value: T } | { ok: false; error: string } | undefined;
  if (typed === undefined) throw new Error(`no answer to ${name}`);
  if (!typed.ok) throw new Error(typed.error);
  return typed.value;
}

export const exportStatus = (page: Page) => ask<ExportStatus>(page, 'export/status', null);
export const runExport = (page: Page, traceId?: string) =>
  ask<ExportStatus>(page, 'export/run', traceId === undefined ? {} : { traceId });
export const testConnection = (page: Page) => ask<ExportOutcome>(page, 'export/test', null);

/** Waits until a run that ended after `since` (epoch ms) has left its outcome. */
export function exportEnded(
  page: Page,
  since: number,
  timeoutMs = 30_000,
): Promise<ExportStatus & { last: ExportOutcome }> {
  return poll(
    async () => {
      const status = await exportStatus(page);
      return !status.running && status.last !== null && status.last.at >= since
        ? (status as ExportStatus & { last: ExportOutcome })
        : undefined;
    },
    { what: 'the export to end', timeoutMs },
  );
}

/**
 * An extension page that sends messages but runs none of our scripts (the icon, as a document),
 * so it never wakes the background on its own, unlike the popup, which polls.
 */
export async function quietExtensionPage(browser: ChromiumSession): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/src/assets/icon-128.png`);
  return page;
}

/** The extension's service worker as it runs now (a stopped worker comes back as a new one). */
export function currentWorker(browser: ChromiumSession) {
  return poll(
    () =>
      browser.context
        .serviceWorkers()
        .find((w) => w.url().startsWith(`chrome-extension://${browser.extensionId}/`)),
    { what: 'the extension service worker' },
  );
}
