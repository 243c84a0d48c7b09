/**
 * The devtools page lives as long as DevTools is open on a tab, whichever panel is showing.
 * It creates the Traces panel and runs the recorder, so recording goes on with the panel hidden.
 */
import { parseConfig } from '../core/config/parse';
import { DEFAULT_CONFIG, type Config } from '../core/config/schema';
import { pooledRandom } from '../core/propagation';
import {
  createPanel,
  inspectedTabId,
  inspectedUrl,
  onNavigated,
  onRequestFinished,
  PANEL_TITLE,
} from '../platform/devtools';
import { extensionOrigin } from '../platform/extension';
import { send } from '../platform/messaging';
import { noticeSender } from '../platform/notices';
import { openSpanStore } from '../platform/span-store';
import { CONFIG_KEY, onLocalChanged, readLocal, writeSession } from '../platform/storage';
import { startRecording } from './recording';

/** How often retention runs while DevTools stays open. */
const RETENTION_INTERVAL_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;

// The devtools page only ever runs inside DevTools, where the inspected tab is known.
const tabId = inspectedTabId() ?? -1;

/**
 * Session-storage key where the devtools page reports that its panel exists (diagnostics,
 * tests): one key per inspected tab, since every open DevTools window runs its own page.
 */
const DEVTOOLS_STATUS_KEY = `devtools:${String(tabId)}`;
const lifetime = new AbortController();
const notify = noticeSender();
const random = pooledRandom((bytes) => {
  crypto.getRandomValues(bytes);
});

let config: Config = DEFAULT_CONFIG;
function adopt(raw: unknown): void {
  const parsed = parseConfig(raw);
  if (parsed.ok) config = parsed.config;
}

// Listeners go up synchronously, before anything is awaited, so no finished request is missed;
// writes wait for the store to open.
const store = openSpanStore();
const { recorder, batcher } = startRecording({
  tabId,
  store,
  notify,
  random,
  pageView: () => send('pageview/get', { tabId }),
  pageUrl: inspectedUrl,
  settings: () => config,
  ownOrigin: extensionOrigin(),
});
onRequestFinished((entry) => {
  recorder.record(entry);
}, lifetime.signal);
onNavigated((url) => {
  recorder.navigated(url);
}, lifetime.signal);
onLocalChanged(CONFIG_KEY, adopt);
// DevTools closing unloads this page: write what is queued while we still can.
addEventListener('pagehide', () => {
  void recorder.idle().then(() => batcher.flush());
});

async function main(): Promise<void> {
  await Promise.all([
    readLocal(CONFIG_KEY).then(adopt),
    createPanel('devtools/panel.html', 'src/assets/icon-32.png'),
  ]);
  const opened = await store;
  const retain = (): void => {
    const { maxSpans, maxAgeDays } = config.recording;
    const limits = { maxSpans, maxAgeMs: maxAgeDays * DAY_MS };
    opened
      .enforceRetention(limits, Date.now())
      .then((count) => {
        if (count > 0) notify({ type: 'spans-removed', count, reason: 'retention' });
      })
      .catch((error: unknown) => {
        console.warn('Trace Capture: retention failed', error);
      });
  };
  retain();
  setInterval(retain, RETENTION_INTERVAL_MS);
  await writeSession(DEVTOOLS_STATUS_KEY, { panel: PANEL_TITLE, tabId, createdAt: Date.now() });
}

main().catch((error: unknown) => {
  console.error('Trace Capture: the devtools page could not start', error);
});
