/**
 * MAIN-world page hook (Chromium page mode). Registered by the background at document_start
 * for enabled sites only, as a self-contained IIFE: a module script would load too late to
 * wrap fetch. The page is untrusted: this script only receives what it needs to write headers,
 * over a MessagePort it hands to the bridge before any page script runs (shared/page-channel).
 */
import { pooledRandom } from '../core/propagation/ids';
import {
  BRIDGE_READY_EVENT,
  CONNECT_EVENT,
  decodeHookPlan,
  readBridgeMessage,
  type BridgeMessage,
  type HookRequest,
} from '../shared/page-channel';
import { wrapFetch } from './hook/fetch';
import { createHookState } from './hook/state';
import { wrapXhr } from './hook/xhr';

/** How long a request made before the settings arrived waits for them. */
const SETTINGS_WAIT_MS = 500;
/** How long a request waits for the bridge to answer (uberctx names learned, a plan). */
const ANSWER_WAIT_MS = 1000;

const INSTALLED = Symbol.for('trace-capture.hook');

type Answer = Exclude<BridgeMessage, { type: 'settings' }>;

function install(win: Window & typeof globalThis): void {
  const marked = win as unknown as Record<symbol, boolean>;
  if (marked[INSTALLED]) return; // registered twice (e.g. after an extension reload)
  marked[INSTALLED] = true;
  // Captured now, before page scripts run, so later page code cannot swap them under us.
  const getRandomValues = win.crypto.getRandomValues.bind(win.crypto);
  const setTimer = win.setTimeout.bind(win);
  const random = pooledRandom((bytes) => {
    getRandomValues(bytes);
  });
  const channel = new win.MessageChannel();
  const port = channel.port1;
  const waiting = new Map<number, (answer: Answer | null) => void>();
  let nextId = 1;
  /** The bridge's answer, or null when none comes (the extension was reloaded). */
  const ask = (request: (id: number) => HookRequest) =>
    new Promise<Answer | null>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      port.postMessage(request(id));
      setTimer(() => {
        waiting.delete(id);
        resolve(null);
      }, ANSWER_WAIT_MS);
    });
  const state = createHookState(
    random,
    setTimer,
    // Names that are not learned are dropped rather than sent unguarded.
    async (names) => {
      const answer = await ask((id) => ({ type: 'learn', id, names: [...names] }));
      return new Set(answer?.type === 'learned' ? answer.known : []);
    },
    async (headers) => {
      const answer = await ask((id) => ({ type: 'plan', id, headers: [...headers] }));
      return answer?.type === 'planned' ? answer.plan : null;
    },
  );
  port.onmessage = (event: MessageEvent<unknown>) => {
    const message = readBridgeMessage(event.data);
    if (message?.type === 'settings') {
      const plan = decodeHookPlan(message.settings);
      if (plan !== null) state.apply(plan);
    } else if (message !== null) {
      waiting.get(message.id)?.(message);
      waiting.delete(message.id);
    }
  };
  // From pagehide to pageshow the page's scripts are about to stop (unload, or the back-forward
  // cache freezes them): a request made then cannot wait for the bridge. Only the browser's own
  // events count; a page faking one would only change its own requests.
  let leaving = false;
  win.addEventListener('pagehide', (event) => {
    if (event.isTrusted) leaving = true;
  });
  win.addEventListener('pageshow', (event) => {
    if (event.isTrusted) leaving = false;
  });
  wrapFetch(win, state, SETTINGS_WAIT_MS, () => leaving);
  wrapXhr(win, state, SETTINGS_WAIT_MS);
  handOver(
    win.document,
    () => new win.MessageEvent(CONNECT_EVENT, { ports: [channel.port2], cancelable: true }),
  );
}

/**
 * Gives the bridge its end of the channel. The bridge cancels the connect event when it takes
 * the port; if it has not run yet, it announces itself when it does, and gets the port then.
 * Nothing is listened to after the handover.
 */
function handOver(doc: Document, connectEvent: () => MessageEvent): void {
  const connect = () => !doc.dispatchEvent(connectEvent());
  if (connect()) return;
  const onBridgeReady = () => {
    if (connect()) doc.removeEventListener(BRIDGE_READY_EVENT, onBridgeReady);
  };
  doc.addEventListener(BRIDGE_READY_EVENT, onBridgeReady);
}

install(window);
