// Types of the composite injector (composite.ts), apart so other modules can import them alone.
import type { BaggageEntry } from './baggage';
import type { HeaderGetter } from './headers';
import type { RandomSource } from './ids';
import type { Sampling } from './sampling';
import type { SpanContext } from './span-context';

export type B3Mode = 'off' | 'single' | 'multi';
export type ExistingHeaderPolicy = 'keep' | 'replace';

export interface PropagationSettings {
  readonly traceparent: boolean;
  readonly baggage: boolean;
  /** '' for none, or one `key=value` tracestate list-member to put leftmost. */
  readonly tracestate: string;
  readonly b3: B3Mode;
  readonly jaeger: boolean;
  readonly baggageEntries: readonly BaggageEntry[];
  readonly sampling: Sampling;
  /** B3 `d` / `X-B3-Flags: 1` and the Jaeger debug bit; forces sampled. */
  readonly debug: boolean;
  readonly existingHeader: ExistingHeaderPolicy;
}

export interface InjectResult {
  /** Lowercase names → values to set on the request. */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Lowercase names of headers the request carries that must be deleted, so it carries one context:
   * a tracestate whose traceparent was invalid (W3C Trace Context §3.3), the page's B3 headers that
   * contradict ours, and the page's trace headers of formats that are off when ours replaces them.
   */
  readonly remove: readonly string[];
  /** The context the request carries: ours, or the page's own. */
  readonly context: SpanContext;
  /** 'page' when existingHeader is 'keep' and the request already had a valid context. */
  readonly source: 'extension' | 'page';
}

export interface Injector {
  /** The header set for one request, with fresh ids. */
  inject(existing: HeaderGetter, random: RandomSource): InjectResult;
  /** The header set for a fixed context, e.g. static values of declarative (DNR) rules. */
  headersFor(context: SpanContext): Readonly<Record<string, string>>;
}
