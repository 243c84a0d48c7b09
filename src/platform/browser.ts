/**
 * The only place that imports webextension-polyfill. Chromium 148+ and Firefox have a native
 * promise-based `browser`; the polyfill wraps `chrome` on older Chromium.
 */
import browser from 'webextension-polyfill';

export { browser };
export type { Runtime, Tabs } from 'webextension-polyfill';

/** Which engine we run in, decided once: Firefox's runtime has getBrowserInfo, Chromium's has not. */
export const engine: 'chromium' | 'firefox' =
  'getBrowserInfo' in browser.runtime ? 'firefox' : 'chromium';
