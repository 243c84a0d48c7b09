import { isPropagationHeader } from '../../core/propagation/headers';
import type { HookState } from './state';

/**
 * Wraps `fetch` so requests to allowed destinations carry trace headers. The page's arguments are
 * turned into a Request by the browser itself, once, exactly as native fetch would read them
 * (inherited init members, getters, a Request passed as init), and only that Request's headers
 * are changed, in place: the page's names, order and values stay as they were. The caller's
 * objects are never touched, and when the browser refuses the arguments, native fetch gets the
 * page's own, so the page sees the native error.
 */
export function wrapFetch(
  win: Window & typeof globalThis,
  state: HookState,
  waitMs: number,
  leaving: () => boolean,
): void {
  // Kept unbound on purpose: called with Reflect.apply and the caller's `this`, as the page meant.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const original = win.fetch;
  const NativeRequest = win.Request;
  // Captured now: page code that later patches Headers.prototype must not see our values.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const { get, set, delete: remove, keys } = win.Headers.prototype;
  const call = <T>(method: (...args: never[]) => T, headers: Headers, ...args: unknown[]): T =>
    Reflect.apply(method, headers, args) as T;

  const setAll = (headers: Headers, values: Readonly<Record<string, string>>) => {
    for (const name in values) call(set, headers, name, values[name] ?? '');
  };

  /**
   * Our headers on `request`, in place, once its uberctx headers are settled. The page's own
   * propagation headers, if any, are planned around by the bridge; without an answer the
   * request keeps the page's headers and gets none of ours.
   */
  async function injectAround(request: Request): Promise<void> {
    if (!state.allows(request.url)) return;
    const { headers } = request;
    const own = [...(call(keys, headers) as Iterable<string>)].filter(isPropagationHeader);
    if (own.length === 0) {
      setAll(headers, state.fresh());
      return;
    }
    const plan = await state.planAround(
      own.map((name) => [name, call<string | null>(get, headers, name) ?? '']),
    );
    if (plan === null) return;
    for (const name of plan.remove) call(remove, headers, name);
    setAll(headers, plan.headers);
  }

  /**
   * Sends `request` with our headers. A page-set uberctx header the strip rules do not name yet
   * is learned first (or dropped if it cannot be), so no redirect can carry it to a third party.
   * A request made while the page is `leaving` (a keepalive beacon on pagehide) cannot wait for
   * the bridge: the page's scripts stop before its answer could come, and the request would never
   * go out. Like a synchronous XHR, a new uberctx name is dropped, and the page's own propagation
   * headers go out as set, without ours.
   */
  function send(self: unknown, request: Request): Promise<Response> {
    const go = (): Promise<Response> => Reflect.apply(original, self, [request]);
    if (!state.active) return go();
    const { headers } = request;
    let unknown: string[];
    try {
      let names = [...(call(keys, headers) as Iterable<string>)];
      unknown = state.unknownUberctx(names);
      const cannotWait = leaving();
      if (cannotWait && unknown.length > 0) {
        for (const name of unknown) call(remove, headers, name);
        names = names.filter((name) => !unknown.includes(name));
        unknown = [];
      }
      // The common path, synchronous to the end: no headers of the page's to plan around.
      if (unknown.length === 0 && !names.some(isPropagationHeader)) {
        if (state.allows(request.url)) setAll(headers, state.fresh());
        return go();
      }
      if (cannotWait) return go();
    } catch {
      return go(); // odd headers: the request goes out as the page made it
    }
    const prepare = async () => {
      if (unknown.length > 0) {
        const known = await state.learn(unknown);
        for (const name of unknown) if (!known.has(name)) call(remove, headers, name);
      }
      await injectAround(request);
    };
    // As above: whatever goes wrong, the request still goes out.
    return prepare().then(go, go);
  }

  function fetch(this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const args: [RequestInfo | URL, RequestInit?] = init === undefined ? [input] : [input, init];
    // Off for this page: not a single extra read of the page's arguments.
    if (state.received && !state.active) return Reflect.apply(original, this, args);
    let request: Request;
    try {
      // Read now, as native fetch reads them: later changes to `init` do not count.
      request = new NativeRequest(input, init);
    } catch {
      return Reflect.apply(original, this, args);
    }
    if (state.received) return send(this, request);
    // Issued before the bridge delivered settings: wait briefly rather than go out bare.
    return state.waitForSettings(waitMs).then(() => send(this, request));
  }

  win.fetch = fetch;
}
