import { browser } from './browser';

/** storage.local key that holds the settings object (a public contract, see docs/config.md). */
export const CONFIG_KEY = 'config';

export async function readLocal(key: string): Promise<unknown> {
  const items = await browser.storage.local.get(key);
  return items[key];
}

export async function writeLocal(key: string, value: unknown): Promise<void> {
  await browser.storage.local.set({ [key]: value });
}

/** Several keys in one write: readers never see some of them changed and others not. */
export async function writeLocalItems(items: Record<string, unknown>): Promise<void> {
  await browser.storage.local.set(items);
}

/** Session storage lives until the browser closes and is not visible to content scripts. */
export async function writeSession(key: string, value: unknown): Promise<void> {
  await browser.storage.session.set({ [key]: value });
}

/**
 * Calls `listener` with the new value whenever `key` changes in storage.local. storage.local's
 * own event, not storage.onChanged: that one also fires for our session writes, and Firefox counts
 * an event during the event page's suspension as activity and cancels the suspension, so a
 * session write from runtime.onSuspend would keep the page alive.
 */
export function onLocalChanged(key: string, listener: (value: unknown) => void): () => void {
  const handler = (changes: Record<string, { newValue?: unknown }>): void => {
    const change = changes[key];
    if (change) listener(change.newValue);
  };
  browser.storage.local.onChanged.addListener(handler);
  return () => {
    browser.storage.local.onChanged.removeListener(handler);
  };
}

export async function readSession(key: string): Promise<unknown> {
  const items = await browser.storage.session.get(key);
  return items[key];
}
