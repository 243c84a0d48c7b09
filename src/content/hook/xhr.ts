import { applyPlan, type HeaderLine } from '../../core/propagation/header-lines';
import { isPropagationHeader } from '../../core/propagation/headers';
import type { PlannedHeaders } from '../../shared/page-channel';
import type { HookState } from './state';

interface Pending {
  readonly url: string;
  readonly async: boolean;
  /** Propagation headers the page set, in order and as spelled, held until send() decides. */
  readonly held: HeaderLine[];
  /** send() was called and is waiting for settings or for uberctx names to be learned. */
  deferred: { readonly body: unknown } | null;
}

const NOT_OPENED = "The object's state must be OPENED.";

/**
 * Wraps XMLHttpRequest open, setRequestHeader, send and abort. setRequestHeader appends, so a
 * propagation header the page sets is held back until send(), where the existing-header policy
 * decides between the page's value and ours; it goes out where the page put it among the held
 * ones, spelled as the page spelled it. An async send() made before the settings arrive waits
 * for them; whatever the page does meanwhile (abort, open again, send again) is honoured as the
 * native object would: the request that goes out is the one the page made last, or none.
 */
export function wrapXhr(win: Window & typeof globalThis, state: HookState, waitMs: number): void {
  const proto = win.XMLHttpRequest.prototype;
  // Kept unbound on purpose: each is called with Reflect.apply on the page's own XHR instance.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const { open, setRequestHeader, send, abort } = proto;
  const NativeDOMException = win.DOMException;
  const NativeProgressEvent = win.ProgressEvent;
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const { dispatchEvent } = win.EventTarget.prototype;
  const pending = new WeakMap<XMLHttpRequest, Pending>();

  const invalidState = (method: string) =>
    new NativeDOMException(
      `Failed to execute '${method}' on 'XMLHttpRequest': ${NOT_OPENED}`,
      'InvalidStateError',
    );

  proto.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    const [, url, async] = args;
    // A new open() ends whatever send() was waiting, as it ends a native request.
    pending.delete(this);
    try {
      const href = new URL(String(url), win.document.baseURI).href;
      // WebIDL converts the argument to boolean: undefined, 0 and '' mean synchronous too.
      const isAsync = args.length < 3 || Boolean(async);
      pending.set(this, { url: href, async: isAsync, held: [], deferred: null });
    } catch {
      // open() itself will throw for this URL
    }
    Reflect.apply(open, this, args);
  };

  // Typed unknown: the page may pass anything, which WebIDL converts to a string.
  proto.setRequestHeader = function (this: XMLHttpRequest, name: unknown, value: unknown) {
    const info = pending.get(this);
    if (info?.deferred) throw invalidState('setRequestHeader'); // as after a native send()
    if (info && isPropagationHeader(String(name)) && !/[\0\r\n]/.test(String(value))) {
      info.held.push([String(name), String(value)]);
      return;
    }
    Reflect.apply(setRequestHeader, this, [name, value]);
  };

  /** The page's held lines combined by lowercase name, as a Headers object would read them. */
  function combined(lines: readonly HeaderLine[]): [string, string][] {
    const values = new Map<string, string>();
    for (const [name, value] of lines) {
      const key = name.toLowerCase();
      const before = values.get(key);
      values.set(key, before === undefined ? value : `${before}, ${value}`);
    }
    return [...values];
  }

  /** The held uberctx names (lowercase) the strip rules do not name yet. */
  const unknownHeld = (info: Pending): string[] =>
    state.active ? state.unknownUberctx(info.held.map(([name]) => name.toLowerCase())) : [];

  /** Held lines minus the uberctx ones the strip rules do not name (`known` are now named). */
  function kept(info: Pending, known: ReadonlySet<string>): HeaderLine[] {
    const unknown = new Set(unknownHeld(info));
    return info.held.filter(([name]) => {
      const key = name.toLowerCase();
      return !unknown.has(key) || known.has(key);
    });
  }

  /**
   * Sets the request's propagation headers and sends it. `planned` is the bridge's plan around
   * the page's own propagation headers; without one (a synchronous request cannot wait for it),
   * the page's go out as they were and none of ours.
   */
  function finish(
    xhr: XMLHttpRequest,
    info: Pending,
    body: unknown,
    known: ReadonlySet<string>,
    planned: PlannedHeaders | null,
  ) {
    pending.delete(xhr);
    let lines: HeaderLine[] = info.held;
    try {
      lines = kept(info, known);
      if (state.allows(info.url)) {
        lines = applyPlan(
          lines,
          lines.length === 0 ? { headers: state.fresh(), remove: [] } : planned,
        );
      }
    } catch {
      // never break the page's request: it goes out with the page's own headers
    }
    for (const [name, value] of lines) Reflect.apply(setRequestHeader, xhr, [name, value]);
    Reflect.apply(send, xhr, [body]);
  }

  proto.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    const info = pending.get(this);
    if (!info) {
      Reflect.apply(send, this, [body]);
      return;
    }
    if (info.deferred) throw invalidState('send');
    // A synchronous request cannot wait: a new uberctx name it carries is dropped, and headers
    // of the page's own go out without ours.
    if (!info.async || (state.received && info.held.length === 0)) {
      finish(this, info, body, new Set(), null);
      return;
    }
    const deferred = { body };
    info.deferred = deferred;
    const resume = async () => {
      if (!state.received) await state.waitForSettings(waitMs);
      const names = unknownHeld(info);
      const known = names.length === 0 ? new Set<string>() : await state.learn(names);
      const own = kept(info, known);
      const planned =
        own.length > 0 && state.allows(info.url) ? await state.planAround(combined(own)) : null;
      // Aborted or opened again meanwhile: that request is gone, as it would be natively.
      if (pending.get(this) !== info || info.deferred !== deferred) return;
      info.deferred = null;
      finish(this, info, body, known, planned);
    };
    resume().catch(() => undefined);
  };

  proto.abort = function (this: XMLHttpRequest) {
    const info = pending.get(this);
    Reflect.apply(abort, this, []);
    if (!info?.deferred) return;
    // The native object never saw send(), so its abort() fires nothing; the page expects the
    // events of aborting a sent request (readyState cannot be faked and stays OPENED).
    pending.delete(this);
    for (const type of ['abort', 'loadend']) {
      Reflect.apply(dispatchEvent, this, [new NativeProgressEvent(type)]);
    }
  };
}
