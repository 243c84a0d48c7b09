/**
 * MAIN-world page hook (Chromium page mode). Registered by the background at document_start
 * for enabled sites only, as a self-contained IIFE: a module script would load too late to
 * wrap fetch. The page is untrusted: this script only receives what it needs to write headers.
 */
import { pooledRandom } from '../core/propagation/ids';
import { decodeHookSettings, HOOK_READY_EVENT, SETTINGS_EVENT } from '../shared/page-channel';
import { wrapFetch } from './hook/fetch';
import { createHookState } from './hook/state';
import { wrapXhr } from './hook/xhr';

/** How long a request made before the settings arrived waits for them. */
const SETTINGS_WAIT_MS = 500;

const INSTALLED = Symbol.for('trace-capture.hook');

function install(win: Window & typeof globalThis): void {
  const marked = win as unknown as Record<symbol, boolean>;
  if (marked[INSTALLED]) return; // registered twice (e.g. after an extension reload)
  marked[INSTALLED] = true;
  // Captured now, before page scripts run, so later page code cannot swap them under us.
  const getRandomValues = win.crypto.getRandomValues.bind(win.crypto);
  const setTimer = win.setTimeout.bind(win);
  const random = pooledRandom((bytes) => {
    getRandomValues(bytes);
  });
  const state = createHookState(win.location.origin, random, setTimer);
  win.document.addEventListener(SETTINGS_EVENT, (event) => {
    const settings = decodeHookSettings((event as CustomEvent<unknown>).detail);
    if (settings === null) return;
    try {
      state.apply(settings);
    } catch {
      // malformed settings (forged by the page?) leave the previous ones in force
    }
  });
  wrapFetch(win, state, SETTINGS_WAIT_MS);
  wrapXhr(win, state, SETTINGS_WAIT_MS);
  win.document.dispatchEvent(new CustomEvent(HOOK_READY_EVENT));
}

install(window);
