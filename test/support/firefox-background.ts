/**
 * Firefox's background is an event page, which Firefox suspends when idle and starts again on the
 * next event it listens to. These helpers stop it on demand and show that it really stopped: a
 * marker put in its global scope is gone once it runs again (a new page, not the old one resumed).
 * They need launchFirefox({ privileged: true }) and an extension page to look from; the icon as a
 * document is one that runs none of our scripts, so it never wakes the background itself.
 */
import type { Browser } from 'puppeteer-core';
import { GECKO_ID } from '../../vite.config';
import { evaluateIn, inChrome } from './firefox-chrome';

const EXTENSION = `WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)}).extension`;

/** The extension's background page among its views, from another page of the extension. */
const BACKGROUND_VIEW = `browser.extension.getViews().find((w) => w.location.pathname === '/_generated_background_page.html')`;

/** Prefs for tests that stop the background themselves: no idle suspension of its own. */
export const NO_IDLE_SUSPEND = { 'extensions.background.idle.timeout': 600_000 } as const;

/** The event page's state as Firefox keeps it: 'running', 'stopped', 'starting', 'suspending'. */
export function backgroundState(browser: Browser): Promise<string> {
  return inChrome<string>(browser, `${EXTENSION}.backgroundState`);
}

/** Puts `marker` into the running background page's global scope; fails if none is running. */
export async function markBackground(
  browser: Browser,
  view: string,
  marker: string,
): Promise<void> {
  const seen = await evaluateIn<string | null>(
    browser,
    view,
    `(() => { const w = ${BACKGROUND_VIEW}; if (w === undefined) return null; w.testMarker = ${JSON.stringify(marker)}; return w.testMarker; })()`,
  );
  if (seen !== marker)
    throw new Error(`no running background page took the marker (${String(seen)})`);
}

/**
 * What the background page holds as its marker without waking it: null while no background page
 * exists, '' when one exists without a marker (a page started after the marker was set).
 */
export function backgroundMarker(browser: Browser, view: string): Promise<string | null> {
  return evaluateIn<string | null>(
    browser,
    view,
    `(() => { const w = ${BACKGROUND_VIEW}; return w === undefined ? null : String(w.testMarker ?? ''); })()`,
  );
}

/**
 * Terminates the background as about:debugging's "Terminate background script" does, and also
 * past the checks that make an idle suspension wait (pending listeners, active stream filters).
 * Resolves with the state Firefox reports afterwards.
 */
export function terminateBackground(browser: Browser): Promise<string> {
  return inChrome<string>(
    browser,
    `${EXTENSION}.terminateBackground({ ignoreDevToolsAttached: true, disableResetIdleForTest: true }).then(() => ${EXTENSION}.backgroundState)`,
  );
}

/**
 * From now on, notes which events wake the stopped background: Firefox holds each event of a
 * listener the page had (a primed listener) and starts the page for it. wakeEvents() reads them.
 */
export function recordWakes(browser: Browser): Promise<null> {
  return inChrome<null>(
    browser,
    `(() => {
      const extension = ${EXTENSION};
      globalThis.testWakes = [];
      if (extension.testEmit === undefined) {
        extension.testEmit = extension.emit;
        extension.emit = function (name, ...args) {
          if (name === 'background-script-event') {
            for (const [module, events] of extension.persistentListeners)
              for (const [event, entries] of events)
                for (const { listeners } of entries.values())
                  for (const listener of listeners)
                    if (listener.primed?.pendingEvents?.length) globalThis.testWakes.push(module + '.' + event);
          }
          return extension.testEmit.call(this, name, ...args);
        };
      }
      return null;
    })()`,
  );
}

/** The events that woke the background since recordWakes(), each once, in order. */
export async function wakeEvents(browser: Browser): Promise<string[]> {
  return [...new Set(await inChrome<string[]>(browser, 'globalThis.testWakes ?? []'))];
}
