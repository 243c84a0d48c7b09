import { destinationMode, isSiteEnabled, propagationSettings } from '../core/config/policy';
import { parseOrigin } from '../core/config/origin-pattern';
import type { Config } from '../core/config/schema';
import {
  applyPlan,
  createInjector,
  isPropagationHeader,
  type Injector,
  type RandomSource,
} from '../core/propagation';
import type { HttpHeader, OutgoingRequest } from '../platform/web-request';

/**
 * The page a request belongs to: the top-level document for a navigation, else the document
 * that made it, else (a service or shared worker, which has no document) what triggered it, the
 * worker's script, which is on the site that registered it.
 */
function pageUrlOf(request: OutgoingRequest): string {
  if (request.type === 'main_frame') return request.url;
  return request.documentUrl ?? request.originUrl ?? '';
}

/** A CORS preflight: the browser's own OPTIONS request, which a page cannot forge. */
function isPreflight(request: OutgoingRequest): boolean {
  return (
    request.method === 'OPTIONS' &&
    request.requestHeaders.some((h) => h.name.toLowerCase() === 'access-control-request-method')
  );
}

/**
 * Firefox: a blocking onBeforeSendHeaders rewrite, so every allowed request of any type gets
 * a fresh context, with no preflight. On an enabled site, propagation headers bound anywhere
 * else are removed, which also covers a redirect from an allowed origin to a third party.
 * Headers the page sent keep their place and spelling; ours take the place of a page header of
 * the same name or go last.
 *
 * A request an enabled page made stays one for all its hops: when the settings stop enabling the
 * page while it is in flight, a later hop still carries the headers the page set (the redirect
 * keeps them), so it loses them instead of going out untouched.
 */
export class FirefoxInjection {
  #config: Config | null = null;
  #injector: Injector | null = null;
  /** Requests in flight that an enabled page made (requestId), until they end. */
  readonly #fromEnabledPages = new Set<string>();
  /** Requests that ended before restore() ran: an earlier page's list may still name them. */
  #endedEarly: Set<string> | null = new Set();

  constructor(private readonly random: RandomSource) {}

  update(config: Config): void {
    this.#config = config;
    this.#injector = createInjector(propagationSettings(config));
  }

  rewrite(request: OutgoingRequest): readonly HttpHeader[] | null {
    const config = this.#config;
    const injector = this.#injector;
    if (config === null || injector === null) return null;
    // A preflight carries no page headers and must not get ours: they are not its request's.
    if (isPreflight(request)) return null;
    const pageOrigin = parseOrigin(pageUrlOf(request))?.origin;
    const headers = request.requestHeaders;
    if (pageOrigin === undefined || !isSiteEnabled(config, pageOrigin)) {
      return this.#fromEnabledPages.has(request.requestId) ? withoutPropagation(headers) : null;
    }
    this.#fromEnabledPages.add(request.requestId);
    if (destinationMode(config, pageOrigin, request.url) === null) {
      return withoutPropagation(headers);
    }
    const byName = new Map<string, string[]>();
    for (const { name, value } of headers) {
      const key = name.toLowerCase();
      byName.set(key, [...(byName.get(key) ?? []), value ?? '']);
    }
    const plan = injector.inject((name) => {
      const values = byName.get(name);
      return values?.length === 1 ? values[0] : values;
    }, this.random);
    const lines = headers.map(({ name, value }) => [name, value ?? ''] as const);
    return applyPlan(lines, plan).map(([name, value]) => ({ name, value }));
  }

  /** The request completed or failed: no hop of it is left to judge. */
  ended(requestId: string): void {
    this.#fromEnabledPages.delete(requestId);
    this.#endedEarly?.add(requestId);
  }

  /** The enabled pages' requests in flight, for the next background page to restore. */
  inFlight(): string[] {
    return [...this.#fromEnabledPages];
  }

  /**
   * Takes over the requests in flight when the last background page was suspended. A new page
   * knows nothing of them, so after a settings change their next hop would be judged as a
   * request of a page that is not enabled and leave with the page's own propagation headers,
   * to wherever it is redirected.
   */
  restore(requestIds: readonly string[]): void {
    const ended = this.#endedEarly;
    this.#endedEarly = null;
    for (const id of requestIds) if (!ended?.has(id)) this.#fromEnabledPages.add(id);
  }
}

/** The headers without propagation headers, or null when there were none to remove. */
function withoutPropagation(headers: readonly HttpHeader[]): readonly HttpHeader[] | null {
  const kept = headers.filter((h) => !isPropagationHeader(h.name));
  return kept.length === headers.length ? null : kept;
}
