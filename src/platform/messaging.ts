import { browser, type Runtime } from './browser';
import {
  PROTOCOL_VERSION,
  readEnvelope,
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
 * Only the extension's own pages may talk to the background. Content scripts are excluded
 * too: they share a renderer with the untrusted page, and their sender URL is the page's.
 * (`sender.tab` is no test: an extension page opened as a tab has one.)
 */
export function isOwnPage(sender: Runtime.MessageSender): boolean {
  const ownOrigin = new URL(browser.runtime.getURL('/')).origin;
  return (
    sender.id === browser.runtime.id &&
    typeof sender.url === 'string' &&
    URL.canParse(sender.url) &&
    new URL(sender.url).origin === ownOrigin
  );
}

/**
 * Registers the background's message listener. Call it synchronously at top level so the
 * event that woke the worker is not missed; handlers wait for `ready` before they run.
 */
export function serve(handlers: Handlers, ready: Promise<unknown>): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isOwnPage(sender)) return undefined; // not ours to answer; stay silent
    const envelope = readEnvelope(message);
    if (typeof envelope === 'string') {
      return Promise.resolve<Reply>({ ok: false, error: envelope });
    }
    return dispatch(handlers, envelope, ready);
  });
}

async function dispatch(
  handlers: Handlers,
  envelope: Envelope,
  ready: Promise<unknown>,
): Promise<Reply> {
  try {
    await ready;
    const handler = handlers[envelope.name] as (payload: unknown) => unknown;
    return { ok: true, value: (await handler(envelope.payload)) as ResponseOf<MessageName> };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
