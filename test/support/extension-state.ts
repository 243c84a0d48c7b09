import type { BrowserContext, Page, Worker } from 'playwright-core';
import type { PageView } from '../../src/shared/messages';
import { poll } from './poll';

/** The id of the tab showing `url`, or -1, as the background sees it. */
export function tabIdOf(worker: Worker, url: string): Promise<number> {
  return worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id ?? -1, url);
}

/** The background's page-view context of a tab (what its network-mode requests carry), or null. */
export function pageViewOf(worker: Worker, tabId: number): Promise<PageView | null> {
  return worker.evaluate(async (tab) => {
    const stored = (await chrome.storage.session.get('pageViews'))['pageViews'] as
      { views: Record<string, PageView> } | undefined;
    return stored?.views[String(tab)] ?? null;
  }, tabId);
}

/**
 * Waits until the devtools page of `tabId` runs (it reports itself in session storage), then
 * reloads: requests made before DevTools finished opening are not in its log.
 */
export async function reloadOnceRecording(
  worker: Worker,
  page: Page,
  tabId: number,
): Promise<void> {
  await poll(
    async () => {
      const status = await devtoolsStatusOf(worker, tabId);
      return status !== undefined || undefined;
    },
    { what: `the devtools page of tab ${tabId}` },
  );
  await page.reload();
}

/** A new tab on `url`, with DevTools open on it and recording (the browser was launched with devtools). */
export async function openRecordedPage(
  browser: { readonly context: BrowserContext; readonly worker: Worker },
  url: string,
): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  await reloadOnceRecording(browser.worker, page, await tabIdOf(browser.worker, page.url()));
  return page;
}

/** What the devtools page of `tabId` reported once its panel existed, if it has. */
export function devtoolsStatusOf(
  worker: Worker,
  tabId: number,
): Promise<{ panel: string; tabId: number; createdAt: number } | undefined> {
  return worker.evaluate(async (tab) => {
    const key = `devtools:${String(tab)}`;
    return (await chrome.storage.session.get(key))[key] as
      { panel: string; tabId: number; createdAt: number } | undefined;
  }, tabId);
}
