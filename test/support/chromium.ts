import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { CHROMIUM_BIN, DIST_CHROMIUM } from './paths';
import { poll } from './poll';

export interface ChromiumSession {
  readonly context: BrowserContext;
  readonly worker: Worker;
  readonly extensionId: string;
  close(): Promise<void>;
}

export interface ChromiumOptions {
  readonly devtools?: boolean;
  readonly headless?: boolean;
  readonly extensionDir?: string;
  /** Host names Chromium resolves to 127.0.0.1, so tests can use several real origins. */
  readonly loopbackHosts?: readonly string[];
  /** A profile to use and keep (a benchmark seeds it, then reopens it without automation). */
  readonly userDataDir?: string;
  /** More command-line flags (a fault test's small storage quota, say). */
  readonly extraArgs?: readonly string[];
}

/** Command-line flags for Chromium with `extensionDirs` loaded (shared with the HAR capture). */
export function chromiumArgs(
  extensionDirs: readonly string[],
  options: Pick<ChromiumOptions, 'devtools' | 'loopbackHosts'> = {},
): string[] {
  const extensions = extensionDirs.join(',');
  const args = [
    ...(extensions === ''
      ? []
      : [`--disable-extensions-except=${extensions}`, `--load-extension=${extensions}`]),
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--disable-gpu',
    '--no-sandbox',
  ];
  if (options.devtools) args.push('--auto-open-devtools-for-tabs');
  if (options.loopbackHosts?.length) {
    args.push(
      `--host-resolver-rules=${options.loopbackHosts.map((h) => `MAP ${h} 127.0.0.1`).join(', ')}`,
    );
  }
  return args;
}

/**
 * Debian's full Chromium with the built extension loaded. `--headless` on the full binary is
 * the new headless mode, which runs extensions. The networking flags keep Chromium from
 * calling home, which this machine's closed network refuses.
 */
export async function launchChromium(options: ChromiumOptions = {}): Promise<ChromiumSession> {
  const extensionDir = options.extensionDir ?? DIST_CHROMIUM;
  const userDataDir =
    options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'trace-capture-chromium-')));
  const args = [...chromiumArgs([extensionDir], options), ...(options.extraArgs ?? [])];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_BIN,
    headless: options.headless ?? true,
    args,
    ignoreDefaultArgs: [
      '--disable-extensions',
      '--disable-component-extensions-with-background-pages',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  // The background writes the first-install settings; a test writing its own before that
  // would race it, so wait until they are there.
  await poll(
    () => worker.evaluate(async () => (await chrome.storage.local.get('config'))['config']),
    {
      what: 'the background to write its first-install settings',
    },
  );
  return {
    context,
    worker,
    extensionId,
    async close() {
      await context.close();
      if (options.userDataDir === undefined)
        await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The popup for a tab, opened as a page (`?tabId=`), so that it reads the background's state now. */
export async function openPopup(browser: ChromiumSession, tabId: number): Promise<Page> {
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup/index.html?tabId=${tabId}`);
  return popup;
}
