/**
 * Debian Chromium with an extension build loaded and nobody driving it, as bench/panel.bench.ts
 * runs it: the DevTools HTTP endpoint is only used to open one tab once the extension's service
 * worker is up, and no client ever attaches, so nothing instruments what the page measures.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { chromiumArgs } from '../../test/support/chromium';
import { freePort } from '../../test/support/http-server';
import { CHROMIUM_BIN } from '../../test/support/paths';
import { poll } from '../../test/support/poll';

export interface UndrivenChromium {
  /** The browser process; its descendants are Chromium's other processes. */
  readonly pid: number;
  /** '' when no extension is loaded. */
  readonly extensionId: string;
  /** Rejects if Chromium exits before `close()`. */
  readonly exited: Promise<never>;
  /** Opens `path` of the extension (with its query) in a new tab. */
  open(path: string): Promise<void>;
  /** Opens `url` in a new tab. */
  openUrl(url: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The extension's production build plus the extra `pages` (name → HTML entry), into a temporary
 * directory: dist/ belongs to the e2e tests and dist-bench/ to the panel benchmark.
 */
export async function buildWithPages(pages: Readonly<Record<string, string>>): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'trace-capture-bench-build-'));
  // Merged into vite.config.ts: `--mode bench`, with these pages beside the manifest's.
  await build({
    mode: 'bench',
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true, rolldownOptions: { input: pages } },
  });
  return outDir;
}

export interface UndrivenOptions {
  /** Host names that resolve to 127.0.0.1, so pages can be served from several origins. */
  readonly loopbackHosts?: readonly string[];
  /** DevTools opens on every tab (`--auto-open-devtools-for-tabs`): the extension records. */
  readonly devtools?: boolean;
  /** An existing profile, used as it is and left in place; otherwise a fresh one, removed after. */
  readonly profile?: string;
  readonly args?: readonly string[];
}

/** `extensionDir` null: no extension at all, the baseline a user without it has. */
export async function launchUndriven(
  extensionDir: string | null,
  options: UndrivenOptions = {},
): Promise<UndrivenChromium> {
  const owned = options.profile === undefined;
  const profile =
    options.profile ?? (await mkdtemp(join(tmpdir(), 'trace-capture-bench-profile-')));
  const port = await freePort();
  const child = spawn(
    CHROMIUM_BIN,
    [
      ...chromiumArgs(extensionDir === null ? [] : [extensionDir], {
        ...(options.loopbackHosts ? { loopbackHosts: options.loopbackHosts } : {}),
        ...(options.devtools ? { devtools: true } : {}),
      }),
      ...(options.args ?? []),
      `--user-data-dir=${profile}`,
      '--headless',
      `--remote-debugging-port=${String(port)}`,
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  let closing = false;
  const gone = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  const exited = gone.then(() => {
    throw new Error(closing ? 'Chromium was closed' : 'Chromium exited on its own');
  });
  // Whoever does not race it must not see an unhandled rejection.
  exited.catch(() => undefined);
  const endpoint = `http://127.0.0.1:${String(port)}/json`;
  const close = async () => {
    closing = true;
    child.kill('SIGKILL');
    await gone;
    if (!owned) return;
    // Chromium's children can still be writing to the profile for a moment after the browser dies.
    await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  };
  const openUrl = async (url: string) => {
    const response = await poll(
      async () => {
        try {
          // The endpoint unescapes its whole query into the URL it opens: escaped, every `&` and
          // `%xx` of the page's own query arrives as it was written.
          return await fetch(`${endpoint}/new?${encodeURIComponent(url)}`, { method: 'PUT' });
        } catch {
          return undefined; // the DevTools endpoint is not listening yet
        }
      },
      { what: 'the DevTools endpoint', timeoutMs: 30_000 },
    );
    if (!response.ok) throw new Error(`cannot open ${url}: ${String(response.status)}`);
  };
  try {
    const extensionId = extensionDir === null ? '' : await workerExtensionId(endpoint);
    if (child.pid === undefined) throw new Error('Chromium did not start');
    return {
      pid: child.pid,
      extensionId,
      exited,
      open: (path) => openUrl(`chrome-extension://${extensionId}/${path}`),
      openUrl,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Waits for the extension's service worker and returns the extension's id. */
async function workerExtensionId(endpoint: string): Promise<string> {
  const worker = await poll(
    async () => {
      try {
        const targets = (await (await fetch(`${endpoint}/list`)).json()) as {
          type: string;
          url: string;
        }[];
        return targets.find(
          (t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'),
        );
      } catch {
        return undefined; // the DevTools endpoint is not listening yet
      }
    },
    { what: "the extension's service worker", timeoutMs: 30_000 },
  );
  return new URL(worker.url).host;
}
