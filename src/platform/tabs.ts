import { browser } from './browser';

/** A tab's top-level URL, or null when the tab is gone or its URL is not visible to us. */
export async function tabUrl(tabId: number): Promise<string | null> {
  try {
    return (await browser.tabs.get(tabId)).url ?? null;
  } catch {
    return null;
  }
}

export async function allTabs(): Promise<{ id: number; url: string }[]> {
  const tabs = await browser.tabs.query({});
  return tabs.flatMap((t) => (t.id !== undefined && t.url ? [{ id: t.id, url: t.url }] : []));
}

export function onTabRemoved(listener: (tabId: number) => void): void {
  browser.tabs.onRemoved.addListener(listener);
}

/** Top-level navigations only: a new document in the tab's main frame is about to load. */
export function onTopLevelNavigation(listener: (tabId: number, url: string) => void): void {
  browser.webNavigation.onBeforeNavigate.addListener((details) => {
    if (details.frameId === 0) listener(details.tabId, details.url);
  });
}

/** The main frame committed a document (its final URL, after redirects). */
export function onTopLevelCommit(listener: (tabId: number, url: string) => void): void {
  browser.webNavigation.onCommitted.addListener((details) => {
    if (details.frameId === 0) listener(details.tabId, details.url);
  });
}

export function onTabActivated(listener: (tabId: number) => void): void {
  browser.tabs.onActivated.addListener(({ tabId }) => {
    listener(tabId);
  });
}
