import { destinationMode, isSiteEnabled, propagationSettings } from '../core/config/policy';
import { parseOrigin } from '../core/config/origin-pattern';
import type { Config } from '../core/config/schema';
import {
  createInjector,
  isPropagationHeader,
  type Injector,
  type RandomSource,
} from '../core/propagation';
import type { HttpHeader, OutgoingRequest } from '../platform/web-request';

/**
 * Firefox: a blocking onBeforeSendHeaders rewrite, so every allowed request of any type gets
 * a fresh context, with no preflight. On an enabled site, propagation headers bound anywhere
 * else are removed, which also covers a redirect from an allowed origin to a third party.
 */
export class FirefoxInjection {
  #config: Config | null = null;
  #injector: Injector | null = null;

  constructor(private readonly random: RandomSource) {}

  update(config: Config): void {
    this.#config = config;
    this.#injector = createInjector(propagationSettings(config));
  }

  rewrite(request: OutgoingRequest): readonly HttpHeader[] | null {
    const config = this.#config;
    const injector = this.#injector;
    if (config === null || injector === null) return null;
    const pageOrigin = parseOrigin(
      request.type === 'main_frame' ? request.url : (request.documentUrl ?? ''),
    )?.origin;
    if (pageOrigin === undefined || !isSiteEnabled(config, pageOrigin)) return null;
    const headers = request.requestHeaders;
    if (destinationMode(config, pageOrigin, request.url) === null) {
      const kept = headers.filter((h) => !isPropagationHeader(h.name));
      return kept.length === headers.length ? null : kept;
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
    const replaced = (name: string): boolean => {
      const key = name.toLowerCase();
      return key in plan.headers || plan.remove.includes(key);
    };
    return [
      ...headers.filter((h) => !replaced(h.name)),
      ...Object.entries(plan.headers).map(([name, value]) => ({ name, value })),
    ];
  }
}
