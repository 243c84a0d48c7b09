/**
 * The routes of the leak-path tests (issue #13), served by every trace server: a redirect held
 * until the test releases it (a request that outlives its page), an event stream, a WebSocket
 * handshake, a worker script and a page of resource hints.
 */
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { poll } from './poll';
import type { Route, UpgradeRoute } from './http-server';

/** Every redirect status a fetch follows; 303 (and 301/302 after a POST) turns it into a GET. */
export const REDIRECT_STATUSES = [301, 302, 303, 307, 308] as const;

/** The redirect answer of `/redirect` and `/held`: `to`, with `status` (302 by default). */
export function redirect(res: ServerResponse, url: URL, headers: Record<string, string>): void {
  const asked = Number(url.searchParams.get('status'));
  const status = (REDIRECT_STATUSES as readonly number[]).includes(asked) ? asked : 302;
  res.writeHead(status, { ...headers, location: url.searchParams.get('to') ?? '/' }).end();
}

/** Requests held by `/held?id=…` until the test releases them. */
export class Gates {
  readonly #held = new Map<string, () => void>();

  hold(id: string, answer: () => void): void {
    this.#held.set(id, answer);
  }

  /** Waits until the request `id` is held, then answers it. */
  async release(id: string): Promise<void> {
    const answer = await poll(() => this.#held.get(id), { what: `the held request ${id}` });
    this.#held.delete(id);
    answer();
  }
}

/** RFC 6455 §4.2.2: the accept value is base64(SHA-1(key + this GUID)). */
const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** Completes a WebSocket handshake by hand, then answers the client's first frame with a close. */
export const webSocket: UpgradeRoute = (req, socket) => {
  const key = req.headers['sec-websocket-key'] ?? '';
  const accept = createHash('sha1')
    .update(key + WEBSOCKET_GUID)
    .digest('base64');
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );
  socket.once('data', () => socket.end(Buffer.from([0x88, 0x00]))); // a close frame, no payload
};

/**
 * A dedicated or shared worker that fetches what it is told to with the headers it is given,
 * and answers with the status, as a worker of an app with its own tracing SDK would.
 */
const WORKER = `
const run = async ({ url, headers }) => {
  try { const r = await fetch(url, { headers }); await r.text(); return r.status; }
  catch (error) { return String(error); }
};
self.onmessage = async (event) => self.postMessage(await run(event.data));
self.onconnect = (event) => {
  const [port] = event.ports;
  port.onmessage = async (message) => port.postMessage(await run(message.data));
};`;

/** A page whose markup asks for `prefetch` and `preload` (query parameters) as the parser sees them. */
function hintsPage(url: URL): string {
  const attr = (name: string) =>
    (url.searchParams.get(name) ?? '')
      .replace(/&/g, '&amp;')
      .replace(/"/g, '&quot;')
      .replace(/</g, '&lt;');
  return `<!doctype html><html><head><meta charset="utf-8">
<link rel="prefetch" href="${attr('prefetch')}">
<link rel="preload" href="${attr('preload')}" as="fetch" crossorigin="anonymous">
</head><body>hints</body></html>`;
}

export function leakRoutes(headers: Record<string, string>, gates: Gates): Record<string, Route> {
  return {
    '/held': (req, res, url) => {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, headers).end();
        return;
      }
      gates.hold(url.searchParams.get('id') ?? '', () => {
        redirect(res, url, headers);
      });
    },
    '/events': (_req, res) => {
      res.writeHead(200, {
        ...headers,
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
      });
      // One message, and no reconnection for an hour: the test closes the stream.
      res.write('retry: 3600000\ndata: hello\n\n');
    },
    '/worker.js': (_req, res) => {
      res
        .writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' })
        .end(WORKER);
    },
    '/hints': (_req, res, url) => {
      // `linked`: a preload the response's Link header asks for, before any markup is parsed.
      const linked = url.searchParams.get('linked');
      res
        .writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          ...(linked === null
            ? {}
            : { link: `<${linked}>; rel=preload; as=fetch; crossorigin=anonymous` }),
        })
        .end(hintsPage(url));
    },
  };
}
