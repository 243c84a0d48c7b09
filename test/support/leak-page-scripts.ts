/**
 * Functions the leak-path tests run in a page or frame (Playwright's and Puppeteer's evaluate
 * both pass one argument). Each is self-contained: it is serialized into the page.
 */

/** One request: `keepalive` ones are POSTs with a body, as analytics beacons are. */
export interface Send {
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly method?: string;
  readonly keepalive?: boolean;
}

/** Fetches each in turn and reads its body; a refused one (CORS) does not stop the rest. */
export async function fetchEach(list: readonly Send[]): Promise<void> {
  for (const { url, headers = {}, method, keepalive = false } of list) {
    const verb = method ?? (keepalive ? 'POST' : 'GET');
    const body = verb === 'GET' ? null : 'payload';
    await fetch(url, { method: verb, headers, body, keepalive })
      .then((r) => r.text())
      .catch(() => '');
  }
}

/** Starts each fetch and returns at once: the page goes away with them in flight. */
export function startEach(list: readonly Send[]): void {
  for (const { url, headers = {}, keepalive = false } of list) {
    void fetch(url, { method: 'POST', headers, body: 'payload', keepalive }).catch(() => '');
  }
}

/** Has a dedicated or a shared worker of /worker.js fetch each in turn; returns their answers. */
export async function fetchInWorker(job: {
  readonly kind: 'dedicated' | 'shared';
  readonly list: readonly Send[];
}): Promise<unknown[]> {
  const answers: unknown[] = [];
  const shared = job.kind === 'shared' ? new SharedWorker('/worker.js') : null;
  const dedicated = shared === null ? new Worker('/worker.js') : null;
  for (const send of job.list) {
    answers.push(
      await new Promise((resolve) => {
        const target = shared?.port ?? dedicated;
        if (target) {
          target.onmessage = (event: MessageEvent) => {
            resolve(event.data);
          };
        }
        target?.postMessage({ url: send.url, headers: send.headers ?? {} });
      }),
    );
  }
  dedicated?.terminate();
  shared?.port.close();
  return answers;
}

/** Opens an EventSource, waits for its first message (or error), then closes it. */
export function openEventSource(url: string): Promise<string> {
  return new Promise((resolve) => {
    const source = new EventSource(url);
    source.onmessage = () => {
      source.close();
      resolve('message');
    };
    source.onerror = () => {
      source.close();
      resolve('error');
    };
  });
}

/** Opens a WebSocket and closes it once open; resolves when it is closed. */
export function openWebSocket(url: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    let opened = false;
    socket.onopen = () => {
      opened = true;
      socket.close();
    };
    socket.onclose = () => {
      resolve(opened ? 'closed' : 'refused');
    };
  });
}

/** navigator.sendBeacon for each URL; returns whether each was queued. */
export function sendBeacons(urls: readonly string[]): boolean[] {
  return urls.map((url) => navigator.sendBeacon(url, 'beacon'));
}

/** On pagehide, fetches each with keepalive, as an analytics SDK flushes on leaving. */
export function fetchOnPagehide(list: readonly Send[]): void {
  addEventListener('pagehide', () => {
    for (const { url, headers = {} } of list) {
      void fetch(url, { method: 'POST', headers, body: 'bye', keepalive: true }).catch(() => '');
    }
  });
}

/**
 * Fetches `url` in rounds of four until `window.stopLoop` is set, as a busy page does while the
 * user changes the settings; returns the number of rounds.
 */
export async function fetchUntilStopped(url: string): Promise<number> {
  const flag = window as unknown as { stopLoop?: boolean };
  flag.stopLoop = false;
  const stopped = () => flag.stopLoop === true;
  let round = 0;
  while (!stopped()) {
    const tag = String(round);
    await Promise.all(
      [0, 1, 2, 3].map((k) =>
        fetch(`${url}&round=${tag}-${String(k)}`)
          .then((r) => r.text())
          .catch(() => ''),
      ),
    );
    round += 1;
  }
  return round;
}

/** Stops fetchUntilStopped. */
export function stopLoop(): void {
  (window as unknown as { stopLoop?: boolean }).stopLoop = true;
}

/** The page-set headers `fetchThroughFrames` sends, by frame: only that frame sets its name. */
export const FRAME_HEADERS = { blank: 'uberctx-blank.only', srcdoc: 'uberctx-srcdoc.only' };

/**
 * Fetches `url` through the window of an about:blank frame (at once, before that frame could load
 * anything) and of a srcdoc frame, each with a page-set uberctx header only that frame sets
 * (`names`, valued "x" and "y"): the way a page reaches past a hook that is only in its window.
 */
export async function fetchThroughFrames(job: {
  readonly url: string;
  readonly names: typeof FRAME_HEADERS;
}): Promise<void> {
  const blank = document.createElement('iframe');
  document.body.append(blank);
  await blank.contentWindow
    ?.fetch(job.url, { headers: { [job.names.blank]: 'x' } })
    .then((r) => r.text());
  const srcdoc = document.createElement('iframe');
  srcdoc.srcdoc = '<p>widget</p>';
  const loaded = new Promise((resolve) => {
    srcdoc.addEventListener('load', resolve);
  });
  document.body.append(srcdoc);
  await loaded;
  await srcdoc.contentWindow
    ?.fetch(job.url, { headers: { [job.names.srcdoc]: 'y' } })
    .then((r) => r.text());
  blank.remove();
  srcdoc.remove();
}
