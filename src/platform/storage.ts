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

/** Session storage lives until the browser closes and is not visible to content scripts. */
export async function writeSession(key: string, value: unknown): Promise<void> {
  await browser.storage.session.set({ [key]: value });
}
