import { browser } from './browser';

const BADGE_COLOR = '#2563eb';

/** Shows on the toolbar icon whether this tab's requests get trace headers. */
export async function setInjectingBadge(tabId: number, injecting: boolean): Promise<void> {
  try {
    await browser.action.setBadgeText({ tabId, text: injecting ? 'ON' : '' });
    await browser.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR });
    await browser.action.setTitle({
      tabId,
      title: injecting ? 'Trace Capture: injecting trace headers on this tab' : 'Trace Capture',
    });
  } catch {
    // the tab closed meanwhile
  }
}
