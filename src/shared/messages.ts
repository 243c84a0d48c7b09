/**
 * The one typed protocol between extension pages and the background.
 * Each entry maps a `noun/verb` name to `[request, response]`.
 */

/** Bumped whenever a message's shape changes, so a stale page gets a clear error. */
export const PROTOCOL_VERSION = 1;

export interface BackgroundStatus {
  readonly version: string;
  readonly browser: 'chromium' | 'firefox';
  readonly startedAt: number;
}

export interface Protocol {
  'status/get': [request: null, response: BackgroundStatus];
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
  readonly [N in MessageName]: (payload: RequestOf<N>) => Promise<ResponseOf<N>> | ResponseOf<N>;
};

const NAMES: readonly MessageName[] = ['status/get'] satisfies readonly MessageName[];

/** Shape check for anything that arrives on the message channel; returns an error or the envelope. */
export function readEnvelope(message: unknown): Envelope | string {
  if (typeof message !== 'object' || message === null) return 'message is not an object';
  const { protocol, name } = message as Record<string, unknown>;
  if (protocol !== PROTOCOL_VERSION) {
    return `protocol version ${String(protocol)} is not ${String(PROTOCOL_VERSION)}; reload the extension page`;
  }
  if (typeof name !== 'string' || !(NAMES as readonly string[]).includes(name)) {
    return `unknown message ${JSON.stringify(name)}`;
  }
  return message as Envelope;
}
