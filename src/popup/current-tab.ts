import { browser } from '../platform/browser';
import { send } from '../platform/messaging';
import { tabIdFromSearch, type TabLookup } from './model';

/** The active tab of the window the popup belongs to, or null (no tab, or no id). */
async function activeTabId(): Promise<number | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

/**
 * Which page the popup is about. Opened as a normal tab (tests), the popup is its own active
 * tab, so a `?tabId=` in its URL names the page instead. The background reads the origin.
 */
export async function lookUpTab(search: string): Promise<TabLookup> {
  try {
    const tabId = tabIdFromSearch(search) ?? (await activeTabId());
    if (tabId === null) return { kind: 'found', origin: null };
    const status = await send('tab/get', { tabId });
    return { kind: 'found', origin: status.origin, problem: status.problem };
  } catch (error) {
    return { kind: 'failed', error: errorText(error) };
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
