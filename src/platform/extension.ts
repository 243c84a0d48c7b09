import { browser } from './browser';

/** The extension's own name and version, as the instrumentation scope of what it records. */
export function extensionScope(): { readonly name: string; readonly version: string } {
  const manifest = browser.runtime.getManifest();
  return { name: manifest.short_name ?? manifest.name, version: manifest.version };
}

/**
 * Runs `listener` when Firefox suspends the event page (idle, or asked to), which waits for the
 * promise it returns, within a time limit. A Chromium service worker gets no such event.
 */
export function onSuspend(listener: () => Promise<void>): void {
  // The polyfill's types say the listener returns nothing; Firefox awaits what it returns.
  const event = browser.runtime.onSuspend as unknown as {
    addListener(listener: () => Promise<void>): void;
  };
  event.addListener(listener);
}

/** `chrome-extension://<id>` (Firefox: `moz-extension://<uuid>`), the origin of our own pages. */
export function extensionOrigin(): string {
  return new URL(browser.runtime.getURL('/')).origin;
}
