// Small RecordedSpan and PanelRow builders for the panel model's tests.
import type { AttributeValue, RecordedSpan } from '../../../src/core/span/model';
import type { PanelRow } from '../../../src/devtools/panel/model/panel-row';

export const T0 = Date.UTC(2026, 10, 22, 17, 2, 27, 324);
export const TRACE_A = '4bf92f3577b34da6a3ce929d0e0e4736';
export const TRACE_B = '0af7651916cd43dd8448eb211c80319c';

/** A 16-hex span id from a small number: 1 → 0000000000000001. */
export function sid(n: number): string {
  return n.toString(16).padStart(16, '0');
}

export interface SpanOptions {
  readonly traceId?: string;
  readonly spanId?: string;
  readonly parentSpanId?: string;
  readonly name?: string;
  readonly kind?: 1 | 3;
  readonly start?: number;
  readonly duration?: number;
  readonly attributes?: Record<string, AttributeValue>;
  readonly events?: RecordedSpan['events'];
  readonly error?: boolean;
  readonly tabId?: number;
  readonly pageViewId?: string;
  readonly pageUrl?: string;
  readonly exported?: 0 | 1;
}

/** A CLIENT span GET /items of 10 ms at T0, adjusted by `o` (start is relative to T0). */
export function span(o: SpanOptions = {}): RecordedSpan {
  const start = T0 + (o.start ?? 0);
  return {
    traceId: o.traceId ?? TRACE_A,
    spanId: o.spanId ?? sid(1),
    ...(o.parentSpanId === undefined ? {} : { parentSpanId: o.parentSpanId }),
    name: o.name ?? 'GET /items',
    kind: o.kind ?? 3,
    startTime: start,
    endTime: start + (o.duration ?? 10),
    attributes: o.attributes ?? {
      'http.request.method': 'GET',
      'url.full': 'https://api.example.com/items',
      'server.address': 'api.example.com',
      'http.response.status_code': o.error === true ? 500 : 200,
    },
    events: o.events ?? [],
    status: o.error === true ? { code: 2, message: 'HTTP 500 Internal Server Error' } : { code: 0 },
    context: {
      tabId: o.tabId ?? 7,
      pageViewId: o.pageViewId ?? 'pv-1',
      pageUrl: o.pageUrl ?? 'https://app.example.com/shop',
    },
    exported: o.exported ?? 0,
  };
}

/** A row with every field set, adjusted by `o`. */
export function row(o: Partial<PanelRow> = {}): PanelRow {
  return {
    traceId: TRACE_A,
    spanId: sid(1),
    parentSpanId: '',
    name: 'GET /items',
    kind: 3,
    method: 'GET',
    statusCode: 200,
    status: 0,
    origin: 'https://api.example.com',
    startTime: T0,
    duration: 10,
    contextSource: 'extension',
    tabId: 7,
    pageViewId: 'pv-1',
    exported: 0,
    url: 'https://api.example.com/items',
    serverAddress: 'api.example.com',
    resourceType: 'fetch',
    pageOrigin: 'https://app.example.com',
    ...o,
  };
}
