/**
 * The devtools page lives as long as DevTools is open on a tab, whichever panel is showing.
 * It creates the panel; recording will live here too, so it runs even when the panel is hidden.
 */
import { createPanel, inspectedTabId, PANEL_TITLE } from '../platform/devtools';
import { writeSession } from '../platform/storage';

/** Session-storage key where the devtools page reports that its panel exists (diagnostics, tests). */
const DEVTOOLS_STATUS_KEY = 'devtools';

async function main(): Promise<void> {
  await createPanel('devtools/panel.html', 'src/assets/icon-32.png');
  await writeSession(DEVTOOLS_STATUS_KEY, {
    panel: PANEL_TITLE,
    tabId: inspectedTabId(),
    createdAt: Date.now(),
  });
}

main().catch((error: unknown) => {
  console.error('Trace Capture: could not create the Traces panel', error);
});
