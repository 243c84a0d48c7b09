/**
 * ISOLATED-world bridge (Chromium page mode): reads the settings, derives the little the
 * page hook needs for this page's origin, and hands it over on every change. It listens to
 * the page only for "hook ready", and never forwards anything from the page.
 */
import { hookSettings } from '../core/config/policy';
import { parseConfig } from '../core/config/parse';
import { CONFIG_KEY, onLocalChanged, readLocal } from '../platform/storage';
import { encodeHookSettings, HOOK_READY_EVENT, SETTINGS_EVENT } from '../shared/page-channel';

let current: string | null = null;

function publish(): void {
  if (current !== null)
    document.dispatchEvent(new CustomEvent(SETTINGS_EVENT, { detail: current }));
}

function load(raw: unknown): void {
  const parsed = parseConfig(raw);
  // An invalid write is refused by the background, which restores the last good settings.
  if (!parsed.ok) return;
  current = encodeHookSettings(hookSettings(parsed.config, location.origin));
  publish();
}

document.addEventListener(HOOK_READY_EVENT, publish);
onLocalChanged(CONFIG_KEY, load);
readLocal(CONFIG_KEY).then(load, (error: unknown) => {
  console.warn('Trace Capture: could not read settings', error);
});
