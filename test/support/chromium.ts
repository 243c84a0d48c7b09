import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { CHROMIUM_BIN, DIST_CHROMIUM } from './paths';

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
}

/**
 * Debian's full Chromium with the built extension loaded. `--headless` on the full binary is
 * the new headless mode, which runs extensions. The networking flags keep Chromium from
 * calling home, which this machine's closed network refuses.
 */
export async function launchChromium(options: ChromiumOptions = {}): Promise<ChromiumSession> {
  const extensionDir = options.extensionDir ?? DIST_CHROMIUM;
  const userDataDir = await mkdtemp(join(tmpdir(), 'trace-capture-chromium-'));
  const args = [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--disable-gpu',
    '--no-sandbox',
  ];
  if (options.devtools) args.push('--auto-open-devtools-for-tabs');
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
  return {
    context,
    worker,
    extensionId,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
