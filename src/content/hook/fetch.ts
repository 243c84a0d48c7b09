import type { HookState } from './state';

/**
 * Wraps `fetch` so requests to allowed destinations carry trace headers. Covers every
 * signature (string, URL, Request, Request + init; headers as Headers, array or record) and
 * never mutates the caller's objects: it passes a fresh init with a fresh Headers.
 */
export function wrapFetch(win: Window & typeof globalThis, state: HookState, waitMs: number): void {
  // Kept unbound on purpose: called with Reflect.apply and the caller's `this`, as the page meant.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const original = win.fetch;
  const NativeRequest = win.Request;
  const NativeHeaders = win.Headers;
  const baseUrl = (): string => win.document.baseURI;

  /** The arguments to send, with our headers; null when the request goes out as the page made it. */
  function withTraceHeaders(
    input: RequestInfo | URL,
    init: RequestInit | undefined,
  ): [RequestInfo | URL, RequestInit] | null {
    const request = input instanceof NativeRequest ? input : null;
    const url = request ? request.url : new URL(stringify(input), baseUrl()).href;
    if (!state.allows(url)) return null;
    // fetch(request, { headers }) replaces the Request's headers, so init wins outright.
    const headers = new NativeHeaders(init?.headers ?? request?.headers);
    const plan = state.inject((name) => headers.get(name) ?? undefined);
    if (plan === null) return null;
    for (const name of plan.remove) headers.delete(name);
    for (const name in plan.headers) headers.set(name, plan.headers[name] ?? '');
    return [input, { ...init, headers }];
  }

  function send(self: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    let args: [RequestInfo | URL, RequestInit?] = init === undefined ? [input] : [input, init];
    try {
      args = withTraceHeaders(input, init) ?? args;
    } catch {
      // An unparsable URL or odd headers: let fetch itself report it, exactly as without us.
    }
    const response: Promise<Response> = Reflect.apply(original, self, args);
    return response;
  }

  function fetch(this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    if (state.received) return send(this, input, init);
    // Issued before the bridge delivered settings: wait briefly rather than go out bare.
    return state.waitForSettings(waitMs).then(() => send(this, input, init));
  }

  win.fetch = fetch;
}

/** fetch() stringifies any non-Request input (a string, a URL, or an object with toString). */
function stringify(input: unknown): string {
  return String(input);
}
