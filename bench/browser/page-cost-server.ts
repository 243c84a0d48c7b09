/**
 * The loopback server of the in-page cost benchmark, on 127.0.0.1 only. Chromium maps app.test
 * and api.test to it, so one port serves two origins: the timing page and its same-origin API at
 * http://app.test:<port>, the cross-origin API at http://api.test:<port>. The API answers a few
 * bytes with no-store; towards the cross-origin API it answers CORS, allowing the propagation
 * headers, with preflights cached for ten minutes as an API would. Nothing is recorded per
 * request, so the server costs every side alike and little.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readOpaqueParam, type PageParams } from './page-cost-protocol';

export const PAGE_HOST = 'app.test';
export const CROSS_HOST = 'api.test';

export interface PageCostServer {
  readonly port: number;
  /** `http://app.test:<port>` */
  readonly pageOrigin: string;
  /** `http://api.test:<port>` */
  readonly crossOrigin: string;
  /** Requests the API answered (preflights not counted), to check a run did what it says. */
  readonly answered: () => number;
  /** Of those, requests that arrived with a traceparent. */
  readonly traced: () => number;
  close(): Promise<void>;
}

const ALLOWED_HEADERS = 'traceparent, tracestate, baggage, b3, uber-trace-id, content-type';

export async function startPageCostServer(
  scripts: Readonly<Record<string, string>>,
): Promise<PageCostServer> {
  let answered = 0;
  let traced = 0;
  const cors = (req: IncomingMessage, res: ServerResponse) => {
    const origin = req.headers.origin;
    if (origin !== undefined) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'origin');
    }
  };
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/api') {
      cors(req, res);
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'access-control-allow-headers': ALLOWED_HEADERS,
          'access-control-allow-methods': 'GET',
          'access-control-max-age': '600',
        });
        res.end();
        return;
      }
      answered++;
      if (req.headers.traceparent !== undefined) traced++;
      res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
      res.end('ok');
      return;
    }
    if (path === '/page') {
      const query = new URL(req.url ?? '/', 'http://x').searchParams.get('s');
      const { otel } = readOpaqueParam(query) as PageParams;
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>timing</title>` +
          (otel ? '<script src="/otel.js"></script>' : '') +
          '</head><body><script src="/page.js"></script></body></html>',
      );
      return;
    }
    const script = scripts[path];
    if (script !== undefined) {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      res.end(script);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    pageOrigin: `http://${PAGE_HOST}:${String(port)}`,
    crossOrigin: `http://${CROSS_HOST}:${String(port)}`,
    answered: () => answered,
    traced: () => traced,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
