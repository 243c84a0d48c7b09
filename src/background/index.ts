import { DEFAULT_CONFIG } from '../core/config/defaults';
import { browser, engine } from '../platform/browser';
import { serve } from '../platform/messaging';
import { CONFIG_KEY, readLocal, writeLocal } from '../platform/storage';
import type { BackgroundStatus } from '../shared/messages';

const status: BackgroundStatus = {
  version: browser.runtime.getManifest().version,
  browser: engine,
  startedAt: Date.now(),
};

/** Settles once the worker has what its handlers need; listeners never wait to be registered. */
const ready = ensureConfig();

serve({ 'status/get': () => status }, ready);

/** First install, or storage cleared by hand: write the defaults so the settings are visible. */
async function ensureConfig(): Promise<void> {
  if ((await readLocal(CONFIG_KEY)) === undefined) await writeLocal(CONFIG_KEY, DEFAULT_CONFIG);
}
