import { extensionOrigin } from './extension';
import { browser, type Runtime } from './browser';
import {
  CONTENT_SCRIPT_MESSAGES,
  PROTOCOL_VERSION,
  readEnvelope,
  type Sender,
  type Envelope,
  type Handlers,
  type MessageName,
  type Reply,
  type RequestOf,
  type ResponseOf,
} from '../shared/messages';

/** Sends one typed request to the background and unwraps its reply, throwing its error text. */
export async function send<N extends MessageName>(
  name: N,
  payload: RequestOf<N>,
): Promise<ResponseOf<N>> {
  const envelope: Envelope<N> = { protocol: PROTOCOL_VERSION, name, payload };
  const reply: Reply<N> | undefined = await browser.runtime.sendMessage(envelope);
  if (reply === undefined) throw new Error(`no answer to ${name}: is the background running?`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

/**
 * The extension's own pages may send every message. Content scripts share a renderer with the
 * untrusted page (their sender URL is the page's), so they may send only CONTENT_SCRIPT_MESSAGES.
 * (`sender.tab` alone is no test: an extension page opened as a tab has one.)
 */
export function isOwnPage(sender: Runtime.MessageSender): boolean {
  const ownOrigin = extensionOrigin();
  return (
    sender.id === browser.runtime.id &&
    typeof sender.url === 'string' &&
    URL.canParse(sender.url) &&
    new URL(sender.url).origin === ownOrigin
  );
}

/** One of our content scripts, in a tab: the browser sets `tab` and `id` for those. */
function isOwnContentScript(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && sender.tab?.id !== undefined && !isOwnPage(sender);
}

/**
 * Registers the background's message listener. Call it synchronously at top level so the
 * event that woke the worker is not missed; handlers wait for `ready` before they run.
 */
export function serve(handlers: Handlers, ready: Promise<unknown>): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    const ownPage = isOwnPage(sender);
    if (!ownPage && !isOwnContentScript(sender)) return undefined; // not ours to answer
    const envelope = readEnvelope(message);
    if (typeof envelope === 'string') {
      return Promise.resolve<Reply>({ ok: false, error: envelope });
    }
    if (!ownPage && !CONTENT_SCRIPT_MESSAGES.has(envelope.name)) {
      return Promise.resolve<Reply>({
        ok: false,
        error: `${envelope.name}: not for content scripts`,
      });
    }
    const from: Sender = {
      tabId: sender.tab?.id ?? null,
      url: typeof sender.url === 'string' ? sender.url : null,
      // Chromium's MessageSender has it; the polyfill's types do not.
      origin: stringOrNull((sender as { origin?: unknown }).origin),
      contentScript: !ownPage,
    };
    return dispatch(handlers, envelope, from, ready);
  });
}

async function dispatch(
  handlers: Handlers,
  envelope: Envelope,
  from: Sender,
  ready: Promise<unknown>,
): Promise<Reply> {
  try {
    await ready;
    const handler = handlers[envelope.name] as (payload: unknown, sender: Sender) => unknown;
    return { ok: true, value: (await handler(envelope.payload, from)) as ResponseOf<MessageName> };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
