/**
 * The background owns the settings and the injection. Every listener is registered
 * synchronously at top level, so the event that woke a stopped worker is not lost; the work
 * itself waits for `ready`.
 */
import { isSiteEnabled } from '../core/config/policy';
import { matchingSites } from '../core/config/sites';
import { configuredUberctxNames } from '../core/config/strip-headers';
import { parseOrigin } from '../core/config/origin-pattern';
import type { Config } from '../core/config/schema';
import { pooledRandom } from '../core/propagation';
import { setInjectingBadge } from '../platform/action';
import { alarmEvery, clearAlarm, onAlarm } from '../platform/alarms';
import { browser, engine } from '../platform/browser';
import { onSuspend } from '../platform/extension';
import { serve } from '../platform/messaging';
import { readSession, writeSession } from '../platform/storage';
import {
  allTabs,
  onTabActivated,
  onTabRemoved,
  onTopLevelCommit,
  onTopLevelNavigation,
  tabUrl,
} from '../platform/tabs';
import { onRequestEnded, rewriteRequestHeaders } from '../platform/web-request';
import type { BackgroundStatus, TabStatus } from '../shared/messages';
import { ChromiumInjection } from './chromium-injection';
import { AUTO_ALARM, Exporter, RESUME_ALARM } from './exporter';
import { FirefoxInjection } from './firefox-injection';
import { LearnedHeaders } from './learned-headers';
import { PageViews } from './page-views';
import { SettingsStore } from './settings';
// File references, not code: the build emits these content scripts as self-contained IIFEs
// and hands us their output paths for chrome.scripting.registerContentScripts.
import bridgeFile from '../content/bridge.iife.ts?script';
import hookFile from '../content/page-hook.iife.ts?script';

/** One getRandomValues call per 4 KiB of ids: the call costs more than the rest of inject. */
const random = pooledRandom((bytes) => {
  crypto.getRandomValues(bytes);
});
const status: BackgroundStatus = {
  version: browser.runtime.getManifest().version,
  browser: engine,
  startedAt: Date.now(),
};

/** Session-storage key holding the settings the background has finished applying. */
const APPLIED_KEY = 'appliedConfig';
/** Firefox: the enabled pages' requests in flight when the event page was last suspended. */
const IN_FLIGHT_KEY = 'firefoxInFlight';

const settings = new SettingsStore();
const pageViews = new PageViews(random, Date.now);
const learned = new LearnedHeaders();
const chromium = engine === 'chromium' ? new ChromiumInjection({ bridgeFile, hookFile }) : null;
const firefox = engine === 'firefox' ? new FirefoxInjection(random) : null;
const exporter = new Exporter(() => settings.config);

function originOf(url: string | null): string | null {
  return url === null ? null : (parseOrigin(url)?.origin ?? null);
}

function injecting(config: Config, origin: string | null): boolean {
  return origin !== null && isSiteEnabled(config, origin);
}

/** As `injecting`, and false for a tab whose rules Chrome refused (it is failed closed). */
function tabInjecting(tabId: number, config: Config, origin: string | null): boolean {
  return injecting(config, origin) && chromium?.tabProblem(tabId) == null;
}

let retiredTimer: ReturnType<typeof setTimeout> | undefined;

function syncRules(config: Config): Promise<void> | undefined {
  const done = chromium?.syncRules(config, pageViews.all(), learned.names);
  // Once the next retired page view's time is up, its rules go. A worker stopped before then
  // keeps them until its next sync, which only ever strips more.
  clearTimeout(retiredTimer);
  const next = pageViews.nextExpiry();
  if (chromium !== null && next !== null) {
    retiredTimer = setTimeout(
      () => void tracked(syncRules(settings.config) ?? Promise.resolve()),
      Math.max(0, next - Date.now()) + 50,
    );
  }
  return done;
}

/**
 * Starts or retires the tab's page view for a new top-level document, then applies it. `rotate`
 * is the navigation's start; without it, its commit. A view is retired only at the commit: until
 * then the old document is still there, and its requests need its rules (PageViews keeps them a
 * while longer still).
 */
async function onNavigation(tabId: number, url: string, rotate: boolean): Promise<void> {
  const config = settings.config;
  const on = injecting(config, originOf(url));
  const view = pageViews.get(tabId);
  if (!on) {
    if (!rotate) pageViews.retire(tabId);
  } else if (rotate || view === null || originOf(view.url) !== originOf(url)) {
    pageViews.rotate(tabId, url, config);
  }
  await syncRules(config);
  await setInjectingBadge(tabId, tabInjecting(tabId, config, originOf(url)));
}

/** Auto-export is an alarm, so it runs even while no extension page is open. */
function syncAutoExport(config: Config): Promise<void> {
  return config.export.auto
    ? alarmEvery(AUTO_ALARM, config.export.intervalSeconds)
    : clearAlarm(AUTO_ALARM);
}

/**
 * Settings changed: new scripts, page views for newly enabled tabs, rules and badges. A tab the
 * settings no longer enable keeps its page view, and so its strip rule, until it shows another
 * document: its hook writes headers until its bridge hears of the change (buildTabRules). For the
 * same reason, the uberctx names of every key configured this session stay in the strip rules.
 */
async function applyConfig(config: Config): Promise<void> {
  firefox?.update(config);
  learned.remember(configuredUberctxNames(config));
  const tabs = await allTabs();
  for (const tab of tabs) {
    const on = injecting(config, originOf(tab.url));
    if (on && pageViews.get(tab.id) === null) pageViews.rotate(tab.id, tab.url, config);
  }
  await Promise.all([chromium?.syncScripts(config), syncRules(config), syncAutoExport(config)]);
  await Promise.all(
    tabs.map((tab) => setInjectingBadge(tab.id, tabInjecting(tab.id, config, originOf(tab.url)))),
  );
  // Diagnostics (and tests): the settings that are now fully applied.
  await writeSession(APPLIED_KEY, config);
}

/**
 * Why the settings in force are not fully applied (e.g. Chrome refused a session rule whose
 * regexFilter is too large); shown by the popup next to the stored-settings problems.
 */
let applyProblem: string | null = null;

function tracked(work: Promise<unknown>): Promise<void> {
  return work.then(
    () => {
      applyProblem = null;
    },
    (error: unknown) => {
      applyProblem = `The settings could not be fully applied: ${error instanceof Error ? error.message : String(error)}`;
      report(error);
    },
  );
}

/** The latest application of the settings, so a recheck answers once it is done. */
let applying: Promise<void> = Promise.resolve();

async function restoreInFlight(): Promise<void> {
  if (firefox === null) return;
  const stored = await readSession(IN_FLIGHT_KEY);
  firefox.restore(Array.isArray(stored) ? stored.filter((id) => typeof id === 'string') : []);
}

async function start(): Promise<void> {
  await Promise.all([settings.load(), pageViews.restore(), learned.restore(), restoreInFlight()]);
  settings.onChange((config) => {
    applying = tracked(applyConfig(config));
  });
  applying = tracked(applyConfig(settings.config));
  await applying;
  await exporter.resume();
}

function report(error: unknown): void {
  console.error('Trace Capture background:', error);
}

const ready = start();
ready.catch(report);
settings.watchStorage(ready.catch(() => undefined));

serve(
  {
    'status/get': () => status,
    'config/get': () => {
      const state = settings.state;
      const problems = [
        ...state.problems,
        ...(applyProblem === null ? [] : [applyProblem]),
        ...(chromium?.problems ?? []),
      ];
      return { ...state, problems };
    },
    'config/set': (candidate) => settings.write(candidate),
    'config/recheck': async () => {
      await settings.recheck();
      await applying;
      return null;
    },
    'tab/get': async ({ tabId }): Promise<TabStatus> => {
      const origin = originOf(await tabUrl(tabId));
      const siteEnabled = origin !== null && matchingSites(settings.config, origin).length > 0;
      const problem = chromium?.tabProblem(tabId) ?? null;
      return {
        tabId,
        origin,
        siteEnabled,
        injecting: tabInjecting(tabId, settings.config, origin),
        problem,
      };
    },
    'pageview/get': ({ tabId }) => pageViews.get(tabId),
    'export/status': () => exporter.status(),
    'export/run': ({ traceId }) => exporter.start(traceId),
    'export/test': () => exporter.test(),
    'uberctx/learn': async ({ names }, sender) => {
      // Only the bridge of an enabled page asks; anyone else gets nothing named.
      if (chromium === null || sender.tabId === null) return { known: [] };
      // The frame's own origin: an about:blank or srcdoc frame's URL has none (bridge.iife.ts).
      const origin = sender.origin ?? originOf(sender.url);
      if (!injecting(settings.config, origin)) return { known: [] };
      const result = learned.learn(names);
      if (result.added) {
        try {
          await syncRules(settings.config);
        } catch (error) {
          report(error);
          return { known: [] }; // not in the rules: the hook drops the headers instead
        }
      }
      return { known: result.known };
    },
  },
  ready,
);

onTopLevelNavigation((tabId, url) => {
  void ready.then(() => tracked(onNavigation(tabId, url, true)), report);
});
onTopLevelCommit((tabId, url) => {
  void ready.then(() => tracked(onNavigation(tabId, url, false)), report);
});
onTabActivated((tabId) => {
  ready
    .then(async () =>
      setInjectingBadge(tabId, injecting(settings.config, originOf(await tabUrl(tabId)))),
    )
    .catch(report);
});
onAlarm((name) => {
  // A run already going simply goes on; otherwise these resume the stored one or start one.
  if (name === RESUME_ALARM) ready.then(() => exporter.resume()).catch(report);
  if (name === AUTO_ALARM) ready.then(() => exporter.auto()).catch(report);
});
onTabRemoved((tabId) => {
  pageViews.retire(tabId);
  ready.then(() => syncRules(settings.config)).catch(report);
});

if (firefox) {
  let started = false;
  void ready.then(() => {
    started = true;
  });
  // Synchronous once started: a promise would make every request wait for a round trip.
  // A failed start leaves requests untouched rather than stuck behind a rejected promise.
  onRequestEnded((requestId) => {
    firefox.ended(requestId);
  });
  // A suspended page forgets which requests in flight an enabled page made; the next one asks.
  onSuspend(() => writeSession(IN_FLIGHT_KEY, firefox.inFlight()));
  rewriteRequestHeaders((request) =>
    started
      ? firefox.rewrite(request)
      : ready.then(
          () => firefox.rewrite(request),
          () => null,
        ),
  );
}
