import { isPropagationHeader } from '../../core/propagation';
import type { HookState } from './state';

interface Pending {
  readonly url: string;
  readonly async: boolean;
  /** Propagation headers the page set, held until send() decides keep or replace. */
  readonly held: [name: string, value: string][];
}

/**
 * Wraps XMLHttpRequest open, setRequestHeader and send. setRequestHeader appends, so a
 * propagation header the page sets is held back until send(), where the existing-header
 * policy decides between the page's value and ours.
 */
export function wrapXhr(win: Window & typeof globalThis, state: HookState, waitMs: number): void {
  const proto = win.XMLHttpRequest.prototype;
  // Kept unbound on purpose: each is called with Reflect.apply on the page's own XHR instance.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const { open, setRequestHeader, send } = proto;
  const pending = new WeakMap<XMLHttpRequest, Pending>();

  proto.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    const [, url, async] = args;
    try {
      const href = new URL(String(url), win.document.baseURI).href;
      // WebIDL converts the argument to boolean: undefined, 0 and '' mean synchronous too.
      pending.set(this, { url: href, async: args.length < 3 || Boolean(async), held: [] });
    } catch {
      pending.delete(this); // open() itself will throw for this URL
    }
    Reflect.apply(open, this, args);
  };

  proto.setRequestHeader = function (this: XMLHttpRequest, name: string, value: string) {
    const info = pending.get(this);
    if (info && isPropagationHeader(name) && (!state.received || state.allows(info.url))) {
      info.held.push([name, value]);
      return;
    }
    Reflect.apply(setRequestHeader, this, [name, value]);
  };

  function finish(xhr: XMLHttpRequest, info: Pending, body: unknown): void {
    const set = (name: string, value: string): void => {
      Reflect.apply(setRequestHeader, xhr, [name, value]);
    };
    let plan = null;
    try {
      const values = new Map<string, string>();
      for (const [name, value] of info.held) {
        const key = name.toLowerCase();
        const before = values.get(key);
        values.set(key, before === undefined ? value : `${before}, ${value}`);
      }
      plan = state.plan(info.url, (name) => values.get(name));
    } catch {
      plan = null; // never break the page's request
    }
    for (const [name, value] of info.held) {
      const key = name.toLowerCase();
      if (plan && (key in plan.headers || plan.remove.includes(key))) continue;
      set(name, value);
    }
    if (plan) for (const name in plan.headers) set(name, plan.headers[name] ?? '');
    Reflect.apply(send, xhr, [body]);
  }

  proto.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    const info = pending.get(this);
    if (!info) {
      Reflect.apply(send, this, [body]);
      return;
    }
    pending.delete(this);
    if (state.received || !info.async) {
      finish(this, info, body);
      return;
    }
    // Sent before settings arrived: hold the async request briefly instead of sending it bare.
    void state.waitForSettings(waitMs).then(() => {
      try {
        finish(this, info, body);
      } catch {
        // aborted or reopened meanwhile: the page already moved on
      }
    });
  };
}
