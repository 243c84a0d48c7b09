/**
 * Captures real Chromium HAR entries as fixtures: `npx tsx test/support/capture-har.ts`
 * (after `npm run build`). Chromium runs with the built extension and the capture-only
 * extension in test/fixtures/har-capture, whose devtools page posts every entry of
 * `devtools.network.onRequestFinished` to a capture server here. Each scenario drives the
 * page, waits for exactly its entries by URL, and writes test/fixtures/har/<scenario>.json.
 * See test/fixtures/har/README.md.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { format, resolveConfig } from 'prettier';
import { chromiumArgs } from './chromium';
import { applyConfig, testConfig } from './extension-config';
import { pageViewOf, tabIdOf } from './extension-state';
import type { PageView } from '../../src/shared/messages';
import { html, startServer, type LocalServer, type Route } from './http-server';
import { CHROMIUM_BIN, DIST_CHROMIUM, ROOT } from './paths';
import { controlledByWorker } from './page-scripts';
import { poll } from './poll';

const CAPTURE_EXTENSION = join(ROOT, 'test/fixtures/har-capture');
const OUT_DIR = join(ROOT, 'test/fixtures/har');
const HOSTS = ['app.test', 'api.test', 'strict.test', 'closed.test'];
const PROPAGATION = /^(traceparent|tracestate|baggage|b3|x-b3-.*|uber-trace-id|uberctx-.*)$/i;

interface HarHeader {
  readonly name: string;
  readonly value: string;
}
interface HarEntry {
  readonly request: { readonly method: string; readonly url: string; headers: HarHeader[] };
  readonly response: {
    readonly status: number;
    readonly content?: Record<string, unknown>;
    readonly _error?: string | null;
  };
  readonly _fromCache?: string;
  readonly _resourceType?: string;
  readonly [key: string]: unknown;
}
interface Posted {
  readonly tabId: number;
  readonly seq: number;
  readonly entry: HarEntry;
}
interface Expected {
  readonly method: string;
  readonly url: string;
}

/** The app, api and strict servers by their `*.test` names; `closed` is a port nothing serves. */
type Host = 'app' | 'api' | 'strict' | 'closed';

interface Env {
  readonly page: Page;
  readonly worker: Worker;
  readonly app: LocalServer;
  readonly url: (host: Host, path: string) => string;
  /** The app server as `http://127.0.0.1:<port>`: a secure context, as service workers need. */
  readonly loopback: (path: string) => string;
}

interface Scenario {
  readonly name: string;
  /** One line on what the fixture shows, written into it. */
  readonly description: string;
  /** `on`: the app site is enabled (page mode same-origin, strict.test network mode). */
  readonly injection: 'on' | 'off';
  /** The page the scenario runs in (default: the app's /page). */
  readonly page?: (env: Env, query: string) => string;
  /** Every entry the scenario must produce, in order; none more, none fewer. */
  expect(env: Env): Expected[];
  run(env: Env): Promise<void>;
  /** Which of the expected entries go into the fixture (default: all). */
  keep?: (entries: HarEntry[]) => HarEntry[];
  /** Throws unless the entries show what the scenario is about. */
  check(entries: HarEntry[], facts: { env: Env; pageView: PageView | null }): void;
}

/** The background's page-view context of a tab (storage.session `pageViews`). */
const json = (status: number, body: unknown, headers: Record<string, string> = {}): Route => {
  return (_req, res) => {
    res
      .writeHead(status, { 'content-type': 'application/json', ...headers })
      .end(JSON.stringify(body));
  };
};
const redirect =
  (to: string): Route =>
  (_req, res) => {
    res.writeHead(302, { location: to }).end();
  };
const SERVICE_WORKER = `
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
  if (new URL(event.request.url).pathname !== '/sw/greeting') return;
  event.respondWith(new Response('{"from":"service worker"}', {
    headers: { 'content-type': 'application/json' },
  }));
});
`;
const NO_STORE = { 'cache-control': 'no-store' };
const PAGE = html(
  '<!doctype html><html><head><title>HAR fixture</title></head><body></body></html>',
);

const appRoutes: Record<string, Route> = {
  '/page': PAGE,
  '/sw/page': PAGE,
  '/sw/sw.js': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/javascript', ...NO_STORE }).end(SERVICE_WORKER);
  },
  '/users/42': json(200, { id: 42, name: 'Ada' }, NO_STORE),
  '/orders': json(201, { id: 7, status: 'created' }, NO_STORE),
  '/unavailable': json(503, { error: 'maintenance' }, { ...NO_STORE, 'retry-after': '30' }),
  '/cached': json(200, { cached: true }, { 'cache-control': 'max-age=3600' }),
  '/redirect-a': redirect('/redirect-b'),
  '/redirect-b': redirect('/redirected'),
  '/redirected': json(200, { landed: true }, NO_STORE),
  '/lib.js': (_req, res) => {
    res
      .writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'max-age=3600' })
      .end('globalThis.loaded = (globalThis.loaded ?? 0) + 1;');
  },
  '/search': json(200, { results: [] }, NO_STORE),
  '/traced': json(200, { ok: true }, NO_STORE),
  '/untraced': json(200, { ok: true }, NO_STORE),
  '/sentinel': (_req, res) => {
    res.writeHead(204, NO_STORE).end();
  },
};

function corsRoute(allowHeaders: string | null): Route {
  const cors: Record<string, string> = {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    ...(allowHeaders ? { 'access-control-allow-headers': allowHeaders } : {}),
  };
  return (req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'access-control-max-age': '0' }).end();
      return;
    }
    res
      .writeHead(200, { ...cors, ...NO_STORE, 'content-type': 'application/json' })
      .end('{"ok":true}');
  };
}

const header = (entry: HarEntry | undefined, name: string): string | undefined =>
  entry?.request.headers.find((h) => h.name.toLowerCase() === name)?.value;

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`capture check failed: ${message}`);
}

const get = (url: string): Expected => ({ method: 'GET', url });

const scenarios: Scenario[] = [
  {
    name: 'fetch-200',
    description: 'fetch() GET, same origin, 200, no injection',
    injection: 'off',
    expect: (env) => [get(env.url('app', '/users/42'))],
    run: async ({ page }) => {
      await page.evaluate(async () => (await fetch('/users/42')).text());
    },
    check: ([entry]) => {
      assert(entry?.response.status === 200, 'status 200');
    },
  },
  {
    name: 'xhr-post',
    description: 'XMLHttpRequest POST with a JSON body, same origin, 201, no injection',
    injection: 'off',
    expect: (env) => [{ method: 'POST', url: env.url('app', '/orders') }],
    run: async ({ page }) => {
      await page.evaluate(
        () =>
          new Promise<void>((resolve) => {
            const xhr = new XMLHttpRequest();
            xhr.open('POST', '/orders');
            xhr.setRequestHeader('content-type', 'application/json');
            xhr.onloadend = () => {
              resolve();
            };
            xhr.send(JSON.stringify({ item: 'shoes', quantity: 2 }));
          }),
      );
    },
    check: ([entry]) => {
      assert(entry?.response.status === 201, 'status 201');
      assert(entry._resourceType === 'xhr', 'an xhr');
    },
  },
  {
    name: 'failed-connection-refused',
    description: 'fetch() to a port nothing listens on: net::ERR_CONNECTION_REFUSED, status 0',
    injection: 'off',
    expect: (env) => [get(env.url('closed', '/refused'))],
    run: async ({ page, url }) => {
      await page.evaluate(
        async (target) => {
          await fetch(target).catch(() => undefined);
        },
        url('closed', '/refused'),
      );
    },
    check: ([entry]) => {
      assert(entry?.response.status === 0, 'status 0');
      assert(entry.response._error, 'an error');
    },
  },
  {
    name: 'status-404',
    description: 'fetch() GET answered 404',
    injection: 'off',
    expect: (env) => [get(env.url('app', '/missing'))],
    run: async ({ page }) => {
      await page.evaluate(async () => (await fetch('/missing')).text());
    },
    check: ([entry]) => {
      assert(entry?.response.status === 404, 'status 404');
    },
  },
  {
    name: 'status-503',
    description: 'fetch() GET answered 503 with Retry-After',
    injection: 'off',
    expect: (env) => [get(env.url('app', '/unavailable'))],
    run: async ({ page }) => {
      await page.evaluate(async () => (await fetch('/unavailable')).text());
    },
    check: ([entry]) => {
      assert(entry?.response.status === 503, 'status 503');
    },
  },
  {
    name: 'cached',
    description:
      'the second of two fetch() GETs of a max-age=3600 response, served from the disk cache',
    injection: 'off',
    expect: (env) => [get(env.url('app', '/cached')), get(env.url('app', '/cached'))],
    run: async ({ page }) => {
      await page.evaluate(async () => {
        await (await fetch('/cached')).text();
        await (await fetch('/cached')).text();
      });
    },
    keep: (entries) => entries.slice(1),
    check: ([first, second]) => {
      assert(first && !first._fromCache, 'the first request from the network');
      assert(second?._fromCache, 'the second request served from cache');
    },
  },
  {
    name: 'cached-memory',
    description:
      'a script loaded in one document, then again in the next: served from the memory cache',
    injection: 'off',
    expect: (env) => [get(env.url('app', '/lib.js')), get(env.url('app', '/lib.js'))],
    run: async ({ page, url }) => {
      const load = () =>
        page.evaluate(async () => {
          const script = document.createElement('script');
          script.src = '/lib.js';
          const loaded = new Promise((resolve) => {
            script.addEventListener('load', resolve);
          });
          document.body.append(script);
          await loaded;
        });
      await load();
      await page.goto(url('app', '/page?scenario=cached-memory&again'));
      await load();
    },
    keep: (entries) => entries.slice(1),
    check: ([first, second]) => {
      assert(first && !first._fromCache, 'the first request from the network');
      assert(second?._fromCache, 'the second request served from cache');
    },
  },
  {
    name: 'redirect-chain',
    description: 'fetch() GET 302 → 302 → 200: one entry per hop',
    injection: 'off',
    expect: (env) =>
      ['/redirect-a', '/redirect-b', '/redirected'].map((p) => get(env.url('app', p))),
    run: async ({ page }) => {
      await page.evaluate(async () => (await fetch('/redirect-a')).text());
    },
    check: (entries) => {
      const statuses = entries.map((e) => e.response.status).join();
      assert(statuses === '302,302,200', `302 → 302 → 200, got ${statuses}`);
    },
  },
  {
    name: 'cors-preflight',
    description: 'cross-origin fetch() with a custom header: the OPTIONS preflight and the GET',
    injection: 'off',
    expect: (env) => [
      { method: 'OPTIONS', url: env.url('api', '/preflighted') },
      get(env.url('api', '/preflighted')),
    ],
    run: async ({ page, url }) => {
      await page.evaluate(
        async (target) => {
          await (await fetch(target, { headers: { 'x-custom': 'fixture' } })).text();
        },
        url('api', '/preflighted'),
      );
    },
    check: ([preflight, actual]) => {
      assert(preflight?._resourceType === 'preflight', 'the preflight reported');
      assert(header(actual, 'x-custom') === 'fixture', 'the custom header sent');
    },
  },
  {
    name: 'secrets-in-query',
    description: 'fetch() GET whose query holds token, api_key and session values',
    injection: 'off',
    expect: (env) => [get(env.url('app', '/search?q=shoes&token=abc123&api_key=XYZ&session=s1'))],
    run: async ({ page }) => {
      await page.evaluate(async () => {
        await (await fetch('/search?q=shoes&token=abc123&api_key=XYZ&session=s1')).text();
      });
    },
    check: ([entry]) => {
      assert(entry?.request.url.includes('token=abc123'), 'the raw query');
    },
  },
  {
    name: 'no-context',
    description: 'fetch() GET from a site not enabled: no propagation headers',
    injection: 'off',
    expect: (env) => [get(env.url('app', '/untraced'))],
    run: async ({ page }) => {
      await page.evaluate(async () => (await fetch('/untraced')).text());
    },
    check: ([entry], { env: { app } }) => {
      assert(
        entry?.request.headers.every((h) => !PROPAGATION.test(h.name)),
        'no context',
      );
      const received = app.requests.find((r) => r.path === '/untraced');
      assert(received && !('traceparent' in received.headers), 'none received either');
    },
  },
  {
    name: 'service-worker',
    description: 'fetch() answered by a service worker with a synthetic Response',
    injection: 'off',
    // http://app.test is not a secure context, so no service workers there; 127.0.0.1 is.
    page: (env, query) => env.loopback(`/sw/page${query}`),
    expect: (env) => [get(env.loopback('/sw/greeting'))],
    run: async ({ page }) => {
      await page.evaluate(controlledByWorker);
      await page.evaluate(async () => (await fetch('/sw/greeting')).text());
    },
    check: ([entry], { env: { app } }) => {
      assert(entry?.response.status === 200, 'status 200');
      assert(!app.requests.some((r) => r.path === '/sw/greeting'), 'never reached the server');
    },
  },
  {
    name: 'injected-traceparent',
    description:
      'page mode: same-origin fetch() with the traceparent and baggage the page hook added',
    injection: 'on',
    expect: (env) => [get(env.url('app', '/traced'))],
    run: async ({ page }) => {
      await page.evaluate(async () => (await fetch('/traced')).text());
    },
    check: ([entry], { env: { app } }) => {
      const sent = header(entry, 'traceparent');
      assert(sent && header(entry, 'baggage'), 'traceparent and baggage in the entry');
      const received = app.requests.find((r) => r.path === '/traced');
      assert(received?.headers.traceparent === sent, 'the traceparent the server received');
    },
  },
  {
    name: 'network-mode',
    description:
      "network mode: cross-origin fetch() carrying the tab's page-view context from a DNR rule",
    injection: 'on',
    expect: (env) => [get(env.url('strict', '/network-mode'))],
    run: async ({ page, url }) => {
      await page.evaluate(
        async (target) => {
          await (await fetch(target)).text();
        },
        url('strict', '/network-mode'),
      );
    },
    check: ([entry], { pageView }) => {
      const sent = header(entry, 'traceparent');
      assert(pageView, 'a page view for the tab');
      assert(
        sent === `00-${pageView.traceId}-${pageView.spanId}-03`,
        `the page-view traceparent in the entry, got ${sent}`,
      );
    },
  },
];

/** Receives what the capture extension's devtools pages post. */
async function startCaptureServer() {
  const hellos: { tabId: number; userAgent: string }[] = [];
  const posted: Posted[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (req.url === '/hello') hellos.push(body as (typeof hellos)[number]);
        else if (req.url === '/entry') posted.push(body as Posted);
        res.writeHead(204).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    hellos,
    posted,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
type CaptureServer = Awaited<ReturnType<typeof startCaptureServer>>;

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Chromium with both extensions, DevTools opening for every tab; flags as in chromium.ts. */
async function launch(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_BIN,
    headless: true,
    args: chromiumArgs([DIST_CHROMIUM, CAPTURE_EXTENSION], {
      devtools: true,
      loopbackHosts: HOSTS,
    }),
    ignoreDefaultArgs: [
      '--disable-extensions',
      '--disable-component-extensions-with-background-pages',
    ],
  });
}

/** The service worker of the extension named `name`. */
async function workerNamed(context: BrowserContext, name: string): Promise<Worker> {
  return poll(
    async () => {
      for (const worker of context.serviceWorkers()) {
        const manifestName = await worker.evaluate(() => chrome.runtime.getManifest().name);
        if (manifestName === name) return worker;
      }
      return undefined;
    },
    { what: `the service worker of "${name}"` },
  );
}

/** Entries of `tabId` from seq `after` on, once every entry up to the one for `url` arrived. */
async function entriesUntil(capture: CaptureServer, tabId: number, after: number, url: string) {
  return poll(
    () => {
      const mine = capture.posted.filter((p) => p.tabId === tabId && p.seq > after);
      const mark = mine.find((p) => p.entry.request.url === url);
      if (!mark) return undefined;
      const upTo = mine.filter((p) => p.seq <= mark.seq).sort((a, b) => a.seq - b.seq);
      return upTo.length === mark.seq - after ? { upTo, mark } : undefined;
    },
    { what: `the HAR entry of ${url}` },
  );
}

/** Picks exactly the expected entries, in the expected order; throws on a missing or extra one. */
function pick(posted: readonly Posted[], expected: readonly Expected[]): HarEntry[] {
  const pool = posted.filter((p) =>
    expected.some((e) => e.method === p.entry.request.method && e.url === p.entry.request.url),
  );
  const picked = expected.map((e) => {
    const index = pool.findIndex(
      (p) => p.entry.request.method === e.method && p.entry.request.url === e.url,
    );
    if (index < 0) {
      const seen = posted.map((p) => `${p.entry.request.method} ${p.entry.request.url}`);
      throw new Error(`no entry for ${e.method} ${e.url}; saw:\n${seen.join('\n')}`);
    }
    return pool.splice(index, 1)[0]?.entry as HarEntry;
  });
  if (pool.length > 0)
    throw new Error(`unexpected extra entries: ${pool.map((p) => p.entry.request.url).join()}`);
  return picked;
}

/** The entry as Chromium gave it, minus the response body (sizes stay). */
function trim(entry: HarEntry): HarEntry {
  const copy = structuredClone(entry) as HarEntry & {
    response: { content?: Record<string, unknown> };
  };
  if (copy.response.content) {
    delete copy.response.content['text'];
    delete copy.response.content['encoding'];
  }
  return copy;
}

async function main(): Promise<void> {
  if (!existsSync(join(DIST_CHROMIUM, 'manifest.json'))) {
    throw new Error(`${DIST_CHROMIUM} has no build. Run \`npm run build\` first.`);
  }
  const servers = {
    app: await startServer(appRoutes),
    api: await startServer({ '/preflighted': corsRoute('x-custom') }),
    strict: await startServer({ '/network-mode': corsRoute(null) }),
  };
  const closed = await closedPort();
  const capture = await startCaptureServer();
  const userDataDir = await mkdtemp(join(tmpdir(), 'trace-capture-har-'));
  const context = await launch(userDataDir);
  try {
    const captureWorker = await workerNamed(context, 'HAR fixture capture');
    const worker = await workerNamed(context, 'Trace Capture');
    await poll(
      () => worker.evaluate(async () => (await chrome.storage.local.get('config'))['config']),
      { what: 'the first-install settings' },
    );
    await captureWorker.evaluate(
      (endpoint) => chrome.storage.local.set({ endpoint }),
      capture.endpoint,
    );
    // Opened after the endpoint is stored, so its devtools page finds it. This first load is
    // not in the log; it only names the tab, to tell its hello from any other tab's.
    const page = await context.newPage();
    const probe = `${servers.app.origin.replace('127.0.0.1', 'app.test')}/page?probe`;
    await page.goto(probe);
    const tabId = await tabIdOf(worker, probe);
    const { userAgent } = await poll(() => capture.hellos.find((h) => h.tabId === tabId), {
      what: "the capture extension's devtools page to start",
    });
    // The user agent says 156.0.0.0 (reduced); the browser target knows the full version.
    const cdp = await context.newCDPSession(page);
    const { product } = await cdp.send('Browser.getVersion');
    await cdp.detach();
    const captured = `Chromium ${product.replace(/^.*\//, '')}${userAgent.includes('Headless') ? ' (headless)' : ''}`;
    const env: Env = {
      page,
      worker,
      app: servers.app,
      url: (host, path) =>
        `http://${host}.test:${host === 'closed' ? closed : servers[host].port}${path}`,
      loopback: (path) => `${servers.app.origin}${path}`,
    };
    const prettier = await resolveConfig(join(OUT_DIR, 'x.json'));
    for (const scenario of scenarios) {
      await applyConfig(worker, testConfig(scenario.injection === 'on' ? {} : { sites: [] }));
      const last = Math.max(
        -1,
        ...capture.posted.filter((p) => p.tabId === tabId).map((p) => p.seq),
      );
      // Navigating after DevTools is up puts the document and everything after it in the log;
      // the document's own entry shows that logging has started.
      const query = `?scenario=${scenario.name}`;
      const pageUrl = scenario.page?.(env, query) ?? env.url('app', `/page${query}`);
      await page.goto(pageUrl);
      const { mark: documentEntry } = await entriesUntil(capture, tabId, last, pageUrl);
      await scenario.run(env);
      // A same-origin request after the scenario's: once its entry and all before it are in,
      // so are the scenario's.
      const sentinel = new URL(`/sentinel?after=${scenario.name}`, page.url()).href;
      await page.evaluate(async (url) => fetch(url), sentinel);
      const { upTo } = await entriesUntil(capture, tabId, documentEntry.seq, sentinel);
      const all = pick(upTo, scenario.expect(env));
      const pageView = await pageViewOf(worker, tabId);
      scenario.check(all, { env, pageView });
      const entries = (scenario.keep?.(all) ?? all).map(trim);
      const fixture = {
        scenario: scenario.name,
        description: scenario.description,
        captured,
        pageUrl: page.url(),
        tabId,
        pageView,
        entries,
      };
      const file = join(OUT_DIR, `${scenario.name}.json`);
      await writeFile(file, await format(JSON.stringify(fixture), { ...prettier, parser: 'json' }));
      console.log(
        `${scenario.name}: ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} → ${file}`,
      );
    }
  } finally {
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
    await capture.close();
    await Promise.all(Object.values(servers).map((s) => s.close()));
  }
}

await main();
