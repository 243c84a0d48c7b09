import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { GECKO_ID } from '../../vite.config';
import { DIST_FIREFOX, FIREFOX_BIN } from './paths';

export interface FirefoxSession {
  readonly browser: Browser;
  readonly profileDir: string;
  /** The browser's main process (what a crash test kills). */
  readonly pid: number;
  /** What the add-on has written to storage.local, read from the profile's JSON store. */
  readStorage(): Promise<Record<string, unknown> | undefined>;
  close(): Promise<void>;
}

export interface FirefoxOptions {
  /** storage.local contents the add-on finds when it starts, e.g. `{ config: … }`. */
  readonly storage?: Record<string, unknown>;
  readonly extensionDir?: string;
  /** Host names Firefox resolves to loopback, so tests can use several real origins. */
  readonly loopbackHosts?: readonly string[];
  /**
   * Let the test run privileged (chrome) code over WebDriver BiDi: BiDi refuses to navigate to
   * moz-extension:// pages and cannot open DevTools, but privileged code can (firefox-chrome.ts).
   */
  readonly privileged?: boolean;
  /**
   * A profile to run on and keep (close() leaves it), e.g. to relaunch on it after a crash.
   * Without it, a fresh profile is made and deleted on close().
   */
  readonly profileDir?: string;
  /**
   * The add-on's moz-extension:// UUID. A temporary add-on gets a new one on every install, and
   * with it a new origin, unless this pins it (`extensions.webextensions.uuids`).
   */
  readonly extensionUuid?: string;
  /** More prefs, e.g. quota limits. */
  readonly prefs?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * Debian's firefox-esr over WebDriver BiDi with the build installed as a temporary add-on.
 * With ExtensionStorageIDB off, storage.local is a plain JSON file in the profile, so a test
 * can hand the add-on its settings before it starts and read back what it wrote.
 */
export async function launchFirefox(options: FirefoxOptions = {}): Promise<FirefoxSession> {
  const profileDir =
    options.profileDir ?? (await mkdtemp(join(tmpdir(), 'trace-capture-firefox-')));
  const storageDir = join(profileDir, 'browser-extension-data', GECKO_ID);
  const storageFile = join(storageDir, 'storage.js');
  if (options.storage) {
    await mkdir(storageDir, { recursive: true });
    await writeFile(storageFile, JSON.stringify(options.storage));
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_BIN,
    headless: true,
    userDataDir: profileDir,
    ...(options.privileged ? { args: ['--remote-allow-system-access'] } : {}),
    extraPrefsFirefox: {
      ...(options.privileged ? { 'remote.system-access-check.enabled': false } : {}),
      'extensions.webextensions.ExtensionStorageIDB.enabled': false,
      // Keep Firefox off the network: this machine only reaches local servers.
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'browser.safebrowsing.update.enabled': false,
      'app.update.enabled': false,
      // Plain http to the local test servers, without an https-first detour.
      'dom.security.https_first': false,
      ...(options.loopbackHosts?.length
        ? { 'network.dns.localDomains': options.loopbackHosts.join(',') }
        : {}),
      ...(options.extensionUuid === undefined
        ? {}
        : {
            'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: options.extensionUuid }),
          }),
      ...options.prefs,
    },
  });
  await browser.installExtension(options.extensionDir ?? DIST_FIREFOX);
  return {
    browser,
    profileDir,
    pid: browser.process()?.pid ?? -1,
    async readStorage() {
      try {
        return JSON.parse(await readFile(storageFile, 'utf8')) as Record<string, unknown>;
      } catch {
        return undefined; // not written yet
      }
    },
    async close() {
      await browser.close();
      if (options.profileDir === undefined) await rm(profileDir, { recursive: true, force: true });
    },
  };
}
