/**
 * Seeds the extension's span store with synthetic but realistic spans, in an extension page
 * (bundled by test/support/bundle.ts and evaluated there): several page views, a page-view span
 * per view with its network-mode requests, per-request contexts, CORS preflights, 4xx and 5xx,
 * and several origins. Used by the panel's e2e tests, screenshots and benchmark.
 */
import { openSpanStore } from '../../src/platform/span-store';
import type { AttributeValue, RecordedSpan } from '../../src/core/span/model';

const HOUR_MS = 3_600_000;
/**
 * Two whole hours before the run: recent enough that retention by age (7 days by default, run by
 * the devtools page while DevTools is open) never evicts seeded spans mid-test, as a fixed date
 * did once it was a week old, and whole hours so that the times shown stay tidy.
 */
const START = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 2 * HOUR_MS;
const ORIGINS = ['http://app.test:8080', 'https://api.example.com', 'https://cdn.example.com'];
const ROUTES = [
  '/api/users/{id}',
  '/api/orders',
  '/api/orders/{id}',
  '/assets/app.js',
  '/api/search',
];
const PER_VIEW = 200;

/** A random-looking id of `width` hex digits from `n`: ids start with varied digits, as real ones do. */
function hex(n: number, width: number): string {
  let out = '';
  let x = n >>> 0;
  for (let round = 0; out.length < width; round++) {
    // murmur3's 32-bit finaliser over n and the round: distinct n give distinct ids.
    let h = Math.imul(x ^ (round * 0x9e3779b9), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
    out += (h >>> 0).toString(16).padStart(8, '0');
    x = (x + 0x6d2b79f5) >>> 0;
  }
  return out.slice(0, width - 8) + (n >>> 0).toString(16).padStart(8, '0').slice(-8);
}

/** Spans for requests number `first` to `first + count - 1` (distinct ranges, distinct ids). */
export function seedSpans(count: number, tabId = 1, first = 0): RecordedSpan[] {
  const spans: RecordedSpan[] = [];
  for (let i = first; i < first + count; i++) {
    const view = Math.floor(i / PER_VIEW);
    const pageViewId = hex(0xa000 + view, 16);
    const pageTrace = hex(0xbeef0000 + view, 32);
    const startTime = START + i * 37;
    if (i % PER_VIEW === 0) {
      spans.push({
        traceId: pageTrace,
        spanId: pageViewId,
        name: 'page_view /shop',
        kind: 1,
        startTime,
        endTime: startTime + PER_VIEW * 37,
        attributes: { 'url.full': 'http://app.test:8080/shop', 'browser.page_view.id': pageViewId },
        events: [],
        status: { code: 0 },
        context: { tabId, pageViewId, pageUrl: 'http://app.test:8080/shop' },
        exported: 0,
      });
      continue;
    }
    const origin = ORIGINS[i % ORIGINS.length] ?? '';
    const route = ROUTES[i % ROUTES.length] ?? '/';
    const path = route.replace('{id}', String(i));
    const status = i % 97 === 0 ? 503 : i % 41 === 0 ? 404 : 200;
    const method = i % 7 === 0 ? 'POST' : 'GET';
    const networkMode = origin === 'https://api.example.com';
    const duration = 5 + ((i * 7919) % 400);
    const attributes: Record<string, AttributeValue> = {
      'http.request.method': method,
      'url.full': `${origin}${path}?q=${String(i)}`,
      'url.template': route,
      'server.address': new URL(origin).hostname,
      'http.response.status_code': status,
      'browser.request.resource_type': route.endsWith('.js') ? 'script' : 'fetch',
      'browser.trace.context_source': networkMode ? 'page-view' : 'extension',
      'browser.page_view.id': pageViewId,
      'http.request.header.traceparent': [`00-${hex(i, 32)}-${hex(i + 1, 16)}-01`],
    };
    const span: RecordedSpan = {
      traceId: networkMode ? pageTrace : hex(0xc0de0000 + i, 32),
      spanId: hex(0x5000000 + i, 16),
      ...(networkMode ? { parentSpanId: pageViewId } : {}),
      name: `${method} ${route}`,
      kind: 3,
      startTime,
      endTime: startTime + duration,
      attributes,
      events: [
        { name: 'fetchStart', time: startTime },
        { name: 'requestStart', time: startTime + 1 },
        { name: 'responseStart', time: startTime + duration - 2 },
        { name: 'responseEnd', time: startTime + duration },
      ],
      status: status >= 400 ? { code: 2, message: `HTTP ${String(status)}` } : { code: 0 },
      context: { tabId, pageViewId, pageUrl: 'http://app.test:8080/shop' },
      exported: 0,
    };
    spans.push(span);
    if (method === 'POST' && origin === 'https://cdn.example.com') {
      // A CORS preflight just before its request, as Chromium records it.
      spans.push({
        ...span,
        spanId: hex(0x6000000 + i, 16),
        name: `OPTIONS ${route}`,
        startTime: startTime - 3,
        endTime: startTime - 1,
        attributes: {
          ...attributes,
          'http.request.method': 'OPTIONS',
          'http.response.status_code': 204,
          'browser.request.resource_type': 'preflight',
        },
        status: { code: 0 },
      });
    }
  }
  return spans;
}

/** Stores `count` seeded spans in batches of 500; resolves with how many are stored. */
export async function seed(count: number, tabId = 1, first = 0): Promise<number> {
  const store = await openSpanStore();
  const spans = seedSpans(count, tabId, first);
  for (let i = 0; i < spans.length; i += 500) await store.putBatch(spans.slice(i, i + 500));
  const stored = (await store.counts()).spans;
  store.close();
  return stored;
}
