import type { IncomingMessage, ServerResponse } from 'node:http';
import { html, startServer, type LocalServer, type Route } from './http-server';
import { Gates, leakRoutes, redirect as answerRedirect, webSocket } from './leak-routes';

/**
 * The four origins of the injection tests, each a real server on 127.0.0.1 that records
 * what it receives. Browsers reach them by name (`*.test` mapped to 127.0.0.1):
 * - app: the page under test (an enabled site);
 * - api: an allowed target whose CORS policy allows any request header (page mode);
 * - strict: an allowed target whose preflight answer does not allow `traceparent`;
 * - third: a third party, which must never see a propagation header.
 */
export type OriginName = 'app' | 'api' | 'strict' | 'third';

export interface TraceServers {
  readonly servers: Readonly<Record<OriginName, LocalServer>>;
  /** `http://<name>.test:<port>` as the browser addresses it. */
  url(name: OriginName, path?: string): string;
  /** `http://127.0.0.1:<port>`: the same server as a secure context, for service workers. */
  loopbackUrl(name: OriginName, path?: string): string;
  /** Requests received by `name`, optionally only those whose path starts with `prefix`. */
  received(name: OriginName, prefix?: string): LocalServer['requests'];
  /** The requests to `/held` on any server, answered when the test releases them. */
  readonly gates: Gates;
  clear(): void;
  close(): Promise<void>;
}

export const HOST_NAMES: readonly string[] = ['app.test', 'api.test', 'strict.test', 'third.test'];

const PAGE =
  '<!doctype html><html><head><meta charset="utf-8"><title>trace test</title></head><body>test page</body></html>';

/**
 * A service worker that forwards every request with `via-sw` in its query, as an offline-first
 * app does: `respondWith(fetch(event.request))` resends the page's headers from the worker, which
 * has no tab.
 */
const FORWARDING_WORKER = `
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
  if (new URL(event.request.url).searchParams.has('via-sw')) event.respondWith(fetch(event.request));
});`;

/**
 * A page that reuses an XHR while its first send may still wait for the hook's settings: the
 * script runs while the page is parsed, before the bridge has read storage.
 */
const XHR_REUSE_PAGE = `<!doctype html><html><head><meta charset="utf-8"><script>
const xhr = new XMLHttpRequest();
xhr.open('POST', '/echo?xhr=first');
xhr.send('FIRST');
let threw = 'no';
try { xhr.setRequestHeader('x-late', '1'); } catch (error) { threw = error.name; }
xhr.abort();
xhr.open('POST', '/echo?xhr=second');
xhr.setRequestHeader('x-second', 'yes');
xhr.send('SECOND');
const dropped = new XMLHttpRequest();
dropped.open('POST', '/echo?xhr=aborted');
dropped.onabort = () => { window.abortEvent = 'abort'; };
dropped.send('NEVER');
dropped.abort();
window.lateHeader = threw;
</script></head><body>xhr reuse</body></html>`;

function cors(policy: 'open' | 'strict'): Record<string, string> {
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
    ...(policy === 'open' ? { 'access-control-allow-headers': '*' } : {}),
  };
}

function routes(policy: 'open' | 'strict', gates: Gates): Record<string, Route> {
  const headers = cors(policy);
  const preflight = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'OPTIONS') return false;
    res.writeHead(204, headers).end();
    return true;
  };
  const echo: Route = (req, res) => {
    if (preflight(req, res)) return;
    res.writeHead(200, {
      ...headers,
      'content-type': 'application/json',
      'cache-control': 'no-store',
    });
    res.end(JSON.stringify({ ok: true }));
  };
  const redirect: Route = (req, res, url) => {
    if (preflight(req, res)) return;
    answerRedirect(res, url, headers);
  };
  return {
    ...leakRoutes(headers, gates),
    '/': html(PAGE),
    '/page': html(PAGE),
    '/xhr-reuse': html(XHR_REUSE_PAGE),
    '/sw/page': html(PAGE),
    '/sw/sw.js': (_req, res) => {
      res
        .writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' })
        .end(FORWARDING_WORKER);
    },
    '/echo': echo,
    '/sw/echo': echo,
    '/redirect': redirect,
    // A response cookie, which the recorder must neither store nor the exporter send.
    '/set-cookie': (req, res) => {
      if (preflight(req, res)) return;
      res
        .writeHead(200, {
          ...headers,
          'content-type': 'text/plain',
          'cache-control': 'no-store',
          'set-cookie': 'sid2=SECRET_SETCOOKIE; Path=/',
        })
        .end('ok');
    },
    '/sw/redirect': redirect,
    '/img': (_req, res) => {
      // a 1×1 transparent GIF
      const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
      res.writeHead(200, { 'content-type': 'image/gif', 'cache-control': 'no-store' }).end(gif);
    },
    '/script.js': (_req, res) => {
      res
        .writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' })
        .end('void 0;');
    },
    '/style.css': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/css', 'cache-control': 'no-store' }).end('body{}');
    },
  };
}

export async function startTraceServers(): Promise<TraceServers> {
  const gates = new Gates();
  const upgrades = { '/ws': webSocket };
  const servers = {
    app: await startServer(routes('open', gates), upgrades),
    api: await startServer(routes('open', gates), upgrades),
    strict: await startServer(routes('strict', gates), upgrades),
    third: await startServer(routes('open', gates), upgrades),
  };
  return {
    servers,
    gates,
    url: (name, path = '/') => `http://${name}.test:${servers[name].port}${path}`,
    loopbackUrl: (name, path = '/') => `http://127.0.0.1:${servers[name].port}${path}`,
    received: (name, prefix = '') =>
      servers[name].requests.filter((r) => r.path.startsWith(prefix)),
    clear() {
      for (const server of Object.values(servers)) server.requests.length = 0;
    },
    async close() {
      await Promise.all(Object.values(servers).map((s) => s.close()));
    },
  };
}
