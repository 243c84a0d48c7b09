/**
 * ISOLATED-world bridge (Chromium page mode): reads the settings, derives the little the page
 * hook needs for this document, and sends it over the hook's private MessagePort whenever it
 * changes. It forwards the hook's requests to learn uberctx names to the background, which
 * checks them; nothing the page does can make it send anything.
 */
import { compileHookPlan } from '../core/config/hook-plan';
import { hookSettings } from '../core/config/policy';
import { parseConfig } from '../core/config/parse';
import { createInjector, pooledRandom, type Injector } from '../core/propagation';
import { send } from '../platform/messaging';
import { CONFIG_KEY, onLocalChanged, readLocal } from '../platform/storage';
import {
  BRIDGE_READY_EVENT,
  CONNECT_EVENT,
  encodeHookPlan,
  readHookRequest,
  type BridgeMessage,
  type HookRequest,
  type PlannedHeaders,
} from '../shared/page-channel';

let port: MessagePort | null = null;
let current: string | null = null;
let sent: string | null = null;
/** The injector for this document's settings, for requests that carry headers of the page's. */
let injector: Injector | null = null;
const random = pooledRandom((bytes) => {
  crypto.getRandomValues(bytes);
});

function post(message: BridgeMessage): void {
  port?.postMessage(message);
}

function publish(): void {
  if (port === null || current === null || current === sent) return;
  sent = current;
  post({ type: 'settings', settings: current });
}

/**
 * This document's origin. Not `location.origin`: an about:blank, srcdoc or blob: frame has the
 * origin of the page that made it, while its URL's origin is opaque ("null") or a blob's, and a
 * page that fetches through such a frame's window must meet an active hook there too.
 */
const pageOrigin = self.origin;

/** The top-level document's origin: the tab's rules are made for it. */
function topOrigin(): string {
  if (window === window.top) return pageOrigin;
  const ancestors = location.ancestorOrigins;
  return ancestors.length > 0 ? (ancestors[ancestors.length - 1] ?? 'null') : 'null';
}

function load(raw: unknown): void {
  const parsed = parseConfig(raw);
  // An invalid write or a removal is undone by the background, which restores the last good
  // settings; until then the hook keeps the ones it has.
  if (!parsed.ok) return;
  const settings = hookSettings(parsed.config, pageOrigin, topOrigin());
  injector = settings.active ? createInjector(settings.propagation) : null;
  current = encodeHookPlan(compileHookPlan(settings, pageOrigin));
  publish();
}

function plan(request: Extract<HookRequest, { type: 'plan' }>): PlannedHeaders | null {
  if (injector === null) return null;
  const values = new Map(request.headers);
  const { headers, remove } = injector.inject((name) => values.get(name), random);
  return { headers, remove };
}

async function onHookMessage(event: MessageEvent<unknown>): Promise<void> {
  const request = readHookRequest(event.data);
  if (request?.type === 'plan') {
    post({ type: 'planned', id: request.id, plan: plan(request) });
    return;
  }
  if (request === null) return;
  let known: readonly string[] = [];
  try {
    known = (await send('uberctx/learn', { names: request.names })).known;
  } catch (error) {
    console.warn('Trace Capture: could not have uberctx headers stripped', error);
  }
  post({ type: 'learned', id: request.id, known });
}

function onConnect(event: Event): void {
  // The event comes from the MAIN world; its ports are this world's wrappers of the same port.
  const received = (event as Partial<MessageEvent>).ports?.[0];
  if (received === undefined || port !== null) return;
  port = received;
  event.preventDefault(); // tells the hook the port arrived
  document.removeEventListener(CONNECT_EVENT, onConnect);
  port.onmessage = (message) => {
    void onHookMessage(message);
  };
  publish();
}

/** Waits before asking again when the background did not answer a recheck. */
const RECHECK_RETRY_MS = [250, 1000, 4000];

/**
 * The tab's request rules and the registered scripts are the background's to change. A worker
 * stopped between a settings write and its storage event never gets that event again, and would
 * leave the old rules in force (sending headers to a target just removed) until something woke
 * it. So the top frame asks it to recheck the stored settings, and asks again while no worker
 * answers; the answer comes once they are applied.
 */
async function askRecheck(): Promise<void> {
  for (const wait of [0, ...RECHECK_RETRY_MS]) {
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    try {
      await send('config/recheck', null);
      return;
    } catch {
      // The worker stopped before it answered; the next try starts a new one.
    }
  }
}

document.addEventListener(CONNECT_EVENT, onConnect);
document.dispatchEvent(new CustomEvent(BRIDGE_READY_EVENT));
onLocalChanged(CONFIG_KEY, (raw) => {
  load(raw);
  if (window === window.top) void askRecheck();
});
readLocal(CONFIG_KEY).then(load, (error: unknown) => {
  console.warn('Trace Capture: could not read settings', error);
});
