import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** Header names as sent (case kept) and values, in the order they arrived. */
  readonly rawHeaders: readonly (readonly [string, string])[];
  /** The request body as text; filled in once it has arrived. */
  body: string;
}

export type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

/** Answers an HTTP Upgrade request (a WebSocket handshake) on its raw socket. */
export type UpgradeRoute = (req: IncomingMessage, socket: Socket, url: URL) => void;

export interface LocalServer {
  /** `http://127.0.0.1:<port>`; tests may address it by another host name mapped to 127.0.0.1. */
  readonly origin: string;
  readonly port: number;
  /** Every request received, in order, with the headers as they arrived. */
  readonly requests: ReceivedRequest[];
  close(): Promise<void>;
}

function record(requests: ReceivedRequest[], req: IncomingMessage): [ReceivedRequest, URL] {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const rawHeaders: [string, string][] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    rawHeaders.push([req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '']);
  }
  const received: ReceivedRequest = {
    method: req.method ?? 'GET',
    path: url.pathname + url.search,
    headers: req.headers,
    rawHeaders,
    body: '',
  };
  requests.push(received);
  return [received, url];
}

/**
 * A local server on 127.0.0.1 that records what it receives, so tests assert on what
 * actually crossed the wire. Unknown paths answer 404; upgrade requests (recorded too) go to
 * `upgrades` by path, and are refused when none matches.
 */
export async function startServer(
  routes: Record<string, Route>,
  upgrades: Record<string, UpgradeRoute> = {},
): Promise<LocalServer> {
  const requests: ReceivedRequest[] = [];
  // Large enough for the 2 MB URLs of the hostile-input tests (Node refuses 16 KiB by default).
  const server = createServer({ maxHeaderSize: 8 * 1024 * 1024 }, (req, res) => {
    const [received, url] = record(requests, req);
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      received.body += chunk;
    });
    const route = routes[url.pathname];
    if (route) {
      route(req, res, url);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  // Upgraded sockets leave the HTTP server's books, so closeAllConnections misses them.
  const upgraded = new Set<Socket>();
  server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    const [, url] = record(requests, req);
    upgraded.add(socket);
    socket.on('close', () => upgraded.delete(socket));
    socket.on('error', () => undefined); // the browser may drop the socket at any time
    const upgrade = upgrades[url.pathname];
    if (upgrade) upgrade(req, socket, url);
    else socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n');
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        for (const socket of upgraded) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** A route answering an HTML page; a function body is rendered per request. */
export function html(body: string | (() => string)): Route {
  return (_req, res) => {
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(typeof body === 'string' ? body : body());
  };
}

/** A port nothing listens on (bound, then released), for connection-refused cases. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  return port;
}
