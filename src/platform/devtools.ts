import { browser } from './browser';

export const PANEL_TITLE = 'Traces';

/** Creates the "Traces" panel; resolves once DevTools has accepted it. */
export async function createPanel(pagePath: string, iconPath: string): Promise<void> {
  await browser.devtools.panels.create(PANEL_TITLE, iconPath, pagePath);
}

export function inspectedTabId(): number {
  return browser.devtools.inspectedWindow.tabId;
}
