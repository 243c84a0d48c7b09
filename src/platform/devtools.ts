import { browser } from './browser';

export const PANEL_TITLE = 'Traces';

/** Creates the "Traces" panel; resolves once DevTools has accepted it. */
export async function createPanel(pagePath: string, iconPath: string): Promise<void> {
  await browser.devtools.panels.create(PANEL_TITLE, iconPath, pagePath);
}

/**
 * The inspected tab, or null outside DevTools (the panel page opened as a tab, e.g. in tests,
 * where `?tabId=` names the tab instead).
 */
export function inspectedTabId(): number | null {
  const fromDevtools = (browser.devtools as typeof browser.devtools | undefined)?.inspectedWindow
    .tabId;
  if (fromDevtools !== undefined) return fromDevtools;
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
  return Number.isInteger(fromQuery) && fromQuery > 0 ? fromQuery : null;
}

/** The inspected page's URL as the page reports it (untrusted, like the page). */
export async function inspectedUrl(): Promise<string> {
  // The polyfill resolves with [result, exceptionInfo]; Chromium's native `browser` with the
  // result alone.
  const answer: unknown = await browser.devtools.inspectedWindow.eval('location.href');
  const value: unknown = Array.isArray(answer) ? (answer as unknown[])[0] : answer;
  return typeof value === 'string' ? value : '';
}

/** Every finished request of the inspected tab, as a HAR entry; stops when `signal` aborts. */
export function onRequestFinished(listener: (entry: unknown) => void, signal: AbortSignal): void {
  const handler = (entry: unknown): void => {
    listener(entry);
  };
  browser.devtools.network.onRequestFinished.addListener(handler);
  signal.addEventListener('abort', () => {
    browser.devtools.network.onRequestFinished.removeListener(handler);
  });
}

/** Top-level navigations of the inspected tab. */
export function onNavigated(listener: (url: string) => void, signal: AbortSignal): void {
  browser.devtools.network.onNavigated.addListener(listener);
  signal.addEventListener('abort', () => {
    browser.devtools.network.onNavigated.removeListener(listener);
  });
}

/**
 * DevTools' theme (`devtools.panels.themeName`): Chromium says 'default' or 'dark', Firefox
 * 'light' or 'dark'. Null outside DevTools, where the page follows prefers-color-scheme.
 */
export function devtoolsTheme(): 'light' | 'dark' | null {
  const panels = (browser.devtools as typeof browser.devtools | undefined)?.panels as
    { themeName?: string } | undefined;
  const name = panels?.themeName;
  if (name === undefined) return null;
  return name === 'dark' ? 'dark' : 'light';
}
