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
  decodeHookSettings,
  readBridgeMessage,
  type LearnRequest,
} from '../shared/page-channel';
import { wrapFetch } from './hook/fetch';
import { createHookState } from './hook/state';
import { wrapXhr } from './hook/xhr';

/** How long a request made before the settings arrived waits for them. */
const SETTINGS_WAIT_MS = 500;
/** How long a request with a new uberctx header waits for the strip rules to name it. */
const LEARN_WAIT_MS = 1000;

const INSTALLED = Symbol.for('trace-capture.hook');

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
  const learning = new Map<number, (known: ReadonlySet<string>) => void>();
  let nextId = 1;
  const learn = (names: readonly string[]) =>
    new Promise<ReadonlySet<string>>((resolve) => {
      const id = nextId++;
      learning.set(id, resolve);
      const request: LearnRequest = { type: 'learn', id, names: [...names] };
      port.postMessage(request);
      // No answer (the extension was reloaded): the names are dropped rather than sent unguarded.
      setTimer(() => {
        learning.delete(id);
        resolve(new Set());
      }, LEARN_WAIT_MS);
    });
  const state = createHookState(win.location.origin, random, setTimer, learn);
  port.onmessage = (event: MessageEvent<unknown>) => {
    const message = readBridgeMessage(event.data);
    if (message?.type === 'settings') {
      const settings = decodeHookSettings(message.settings);
      if (settings === null) return;
      try {
        state.apply(settings);
      } catch {
        // malformed settings leave the previous ones in force
      }
    } else if (message?.type === 'learned') {
      learning.get(message.id)?.(new Set(message.known));
      learning.delete(message.id);
    }
  };
  wrapFetch(win, state, SETTINGS_WAIT_MS);
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
