/**
 * The one typed protocol between extension pages and the background.
 * Each entry maps a `noun/verb` name to `[request, response]`.
 */

import type { Config } from '../core/config/schema';
import type { PageViewContext } from '../core/span/map-context';
import type { ExportOutcome, ExportStatus } from '../core/export/status';
import { isStringList, MAX_LEARN_NAMES } from './page-channel';

export type { ExportOutcome, ExportStatus } from '../core/export/status';

/** Bumped whenever a message's shape changes, so a stale page gets a clear error. */
export const PROTOCOL_VERSION = 1;

export interface BackgroundStatus {
  readonly version: string;
  readonly browser: 'chromium' | 'firefox';
  readonly startedAt: number;
}

/** The settings in force, and anything wrong with what is stored. */
export interface ConfigState {
  readonly config: Config;
  /**
   * Why the stored settings are not in force, e.g. stored data that could not be read (the
   * defaults are used instead) or a direct storage write that was refused. Empty when all is well.
   */
  readonly problems: readonly string[];
}

export type ConfigWriteResult =
  | { readonly ok: true; readonly state: ConfigState }
  | { readonly ok: false; readonly errors: readonly string[] };

/** What the popup shows about one tab. */
export interface TabStatus {
  readonly tabId: number;
  /** The page's origin, or null for pages the extension cannot work on (chrome://, about:…). */
  readonly origin: string | null;
  /** A `sites` pattern matches the page. */
  readonly siteEnabled: boolean;
  /** The global switch is on, the site is enabled and its rules are in force: requests get headers. */
  readonly injecting: boolean;
  /** Why the tab's requests lose every trace header although its site is enabled, or null. */
  readonly problem: string | null;
}

/** The context shared by a tab's network-mode requests for one page view. */
export type PageView = PageViewContext & { readonly tabId: number };

/** What the background learnt of page-set uberctx names (page-channel's learn requests). */
export interface LearnResult {
  /** Lowercase names the strip rules now name. */
  readonly known: readonly string[];
}

export interface Protocol {
  'status/get': [request: null, response: BackgroundStatus];
  'config/get': [request: null, response: ConfigState];
  /** The payload is untrusted: the background validates it and refuses an invalid one. */
  'config/set': [request: unknown, response: ConfigWriteResult];
  'tab/get': [request: { readonly tabId: number }, response: TabStatus];
  'pageview/get': [request: { readonly tabId: number }, response: PageView | null];
  'export/status': [request: null, response: ExportStatus];
  /** Starts an export of every unexported span, or of one trace's; answers once it started. */
  'export/run': [request: { readonly traceId?: string }, response: ExportStatus];
  /** Sends an empty export request and says, in words, what came back. */
  'export/test': [request: null, response: ExportOutcome];
  /** From the bridge of an enabled page: uberctx names its page set, to strip from redirects. */
  'uberctx/learn': [request: { readonly names: readonly string[] }, response: LearnResult];
  /**
   * From the bridge of an enabled page that saw the stored settings change: the background reads
   * them from storage again and answers once what they say is applied. It carries nothing.
   */
  'config/recheck': [request: null, response: null];
}

/**
 * The only messages a content script may send. A content script shares its renderer with the
 * untrusted page, so what it asks can only ever make the extension strip more, or apply the
 * settings the extension stored itself.
 */
export const CONTENT_SCRIPT_MESSAGES: ReadonlySet<MessageName> = new Set([
  'uberctx/learn',
  'config/recheck',
]);

/** Who sent a message, as the browser vouches for it. */
export interface Sender {
  /** The sender's tab; null for extension pages that are not tabs. */
  readonly tabId: number | null;
  /** The sending document's URL. */
  readonly url: string | null;
  /**
   * The sending document's origin where the browser says (Chromium): an about:blank or srcdoc
   * frame has its creator's origin, while its URL has none. Null where the browser does not say.
   */
  readonly origin: string | null;
  /** A content script in a web page, rather than one of the extension's own pages. */
  readonly contentScript: boolean;
}

export type MessageName = keyof Protocol;
export type RequestOf<N extends MessageName> = Protocol[N][0];
export type ResponseOf<N extends MessageName> = Protocol[N][1];

export interface Envelope<N extends MessageName = MessageName> {
  readonly protocol: typeof PROTOCOL_VERSION;
  readonly name: N;
  readonly payload: RequestOf<N>;
}

export type Reply<N extends MessageName = MessageName> =
  | { readonly ok: true; readonly value: ResponseOf<N> }
  | { readonly ok: false; readonly error: string };

/** A handler per message: leaving one out is a compile error. */
export type Handlers = {
  readonly [N in MessageName]: (
    payload: RequestOf<N>,
    sender: Sender,
  ) => Promise<ResponseOf<N>> | ResponseOf<N>;
};

type PayloadCheck = (payload: unknown) => string | null;

const noPayload: PayloadCheck = (p) => (p === null ? null : 'expected no payload');
const tabPayload: PayloadCheck = (p) =>
  typeof p === 'object' && p !== null && Number.isInteger((p as { tabId?: unknown }).tabId)
    ? null
    : 'expected { tabId: integer }';

/** Every message name, with the shape check its payload must pass. */
const PAYLOAD_CHECKS = {
  'status/get': noPayload,
  'config/get': noPayload,
  'config/set': () => null, // checked in full by the config parser, which reports every error
  'tab/get': tabPayload,
  'pageview/get': tabPayload,
  'export/status': noPayload,
  'export/run': (p) => {
    const traceId = typeof p === 'object' && p !== null ? (p as { traceId?: unknown }).traceId : 0;
    return traceId === undefined || (typeof traceId === 'string' && /^[0-9a-f]{32}$/.test(traceId))
      ? null
      : 'expected { traceId?: 32 hex digits }';
  },
  'export/test': noPayload,
  'uberctx/learn': (p) => {
    const names = typeof p === 'object' && p !== null ? (p as { names?: unknown }).names : null;
    return isStringList(names, MAX_LEARN_NAMES)
      ? null
      : `expected { names: string[] } (at most ${String(MAX_LEARN_NAMES)})`;
  },
  'config/recheck': noPayload,
} satisfies Record<MessageName, PayloadCheck>;

/**
 * A field of a bad message as its error shows it. Neither String() nor JSON.stringify() will do:
 * the one throws on an object whose own `toString` is not a function, the other on a BigInt
 * (Firefox structured-clones messages).
 */
function shown(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value !== 'object' || value === null) return String(value);
  return Array.isArray(value) ? 'a list' : 'an object';
}

/** Shape check for anything that arrives on the message channel; returns an error or the envelope. */
export function readEnvelope(message: unknown): Envelope | string {
  if (typeof message !== 'object' || message === null) return 'message is not an object';
  const { protocol, name, payload } = message as Record<string, unknown>;
  if (protocol !== PROTOCOL_VERSION) {
    return `protocol version ${shown(protocol)} is not ${String(PROTOCOL_VERSION)}; reload the extension page`;
  }
  if (typeof name !== 'string' || !Object.hasOwn(PAYLOAD_CHECKS, name)) {
    return `unknown message ${shown(name)}`;
  }
  const problem = PAYLOAD_CHECKS[name as MessageName](payload);
  return problem === null ? (message as Envelope) : `${name}: ${problem}`;
}
