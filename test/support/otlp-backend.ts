/**
 * An OTLP/HTTP traces receiver on 127.0.0.1 that behaves like a Collector's otlphttp receiver
 * where the export tests need it: it takes `application/json` and `application/x-protobuf`,
 * gzip or not, decodes both with the official opentelemetry-proto definitions (protobufjs), and
 * refuses what they cannot read with 400 and a google.rpc.Status, as the Collector does. Tests
 * queue other answers (503 with Retry-After, 400, partial success, huge or garbage bodies, a
 * held response) to drive the exporter through the spec's cases.
 */
import type protobuf from 'protobufjs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { otlpProtos, protoType } from './otlp-protos';
import { poll } from './poll';

const REQUEST_TYPE = 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest';
const RESPONSE_TYPE = 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse';
const ID_KEYS = new Set(['traceId', 'spanId', 'parentSpanId']);

/** One span as the receiver decoded it (ids in hex, times as decimal strings, attributes as an object). */
export interface ReceivedSpan {
  readonly service: string;
  readonly resource: Readonly<Record<string, unknown>>;
  readonly scope: { readonly name?: string; readonly version?: string };
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  /** As the receiver normalizes it, e.g. 'SPAN_KIND_CLIENT'. */
  readonly kind: string;
  readonly startTimeUnixNano: string;
  readonly endTimeUnixNano: string;
  readonly attributes?: Readonly<Record<string, unknown>>;
  readonly events?: readonly { readonly name: string; readonly timeUnixNano: string }[];
  readonly status?: { readonly code?: string; readonly message?: string };
}

export interface ReceivedRequest {
  /** Epoch ms when the request's body had arrived. */
  readonly at: number;
  readonly contentType: string;
  readonly contentEncoding: string | null;
  readonly headers: IncomingMessage['headers'];
  /** Spans the request held, 0 for an empty export (Test connection) or an unreadable body. */
  readonly spans: number;
  /** Why the body could not be decoded, or null. */
  readonly decodeError: string | null;
  /** What this request was answered with. */
  readonly answer: number;
  /**
   * The body as it arrived, gunzipped when it came gzipped: every byte the export sent. Empty
   * unless the backend was started with `keepBodies`.
   */
  readonly body: Buffer;
}

/** An answer for the next request instead of accepting it. */
export type Answer =
  | { readonly kind: 'accept' }
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly headers?: Record<string, string>;
      readonly body?: string | Uint8Array;
    }
  /** Accepts (and keeps) the spans, with a partial success naming `rejected` of them. */
  | { readonly kind: 'partial'; readonly rejected: number; readonly message: string }
  /** 2xx whose body is `bytes` of garbage, streamed. */
  | { readonly kind: 'garbage'; readonly status: number; readonly bytes: number }
  /** Keeps the spans but answers only once `release` resolves (or never, if the client went). */
  | { readonly kind: 'hold'; readonly release: Promise<void> }
  /** Keeps the spans, starts a 200 and closes the connection halfway through its body. */
  | { readonly kind: 'cut' };

export interface OtlpBackend {
  /** The traces endpoint, `http://127.0.0.1:<port>/v1/traces`. */
  readonly tracesUrl: string;
  /** The base URL, for exporters that append `/v1/traces` themselves. */
  readonly url: string;
  readonly spans: readonly ReceivedSpan[];
  readonly requests: readonly ReceivedRequest[];
  /** Queues answers for the next requests, in order; after them, requests are accepted. */
  answer(...answers: Answer[]): void;
  waitForTrace(traceId: string, minSpans: number): Promise<ReceivedSpan[]>;
  waitForSpans(
    predicate: (span: ReceivedSpan) => boolean,
    min: number,
    what: string,
  ): Promise<ReceivedSpan[]>;
  clear(): void;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

/** OTLP/JSON writes ids as hex, where proto3 JSON would have base64: undo that before fromObject. */
function idsToBase64(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => idsToBase64(v));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, idsToBase64(v, k)]));
  }
  if (ID_KEYS.has(key) && typeof value === 'string') {
    if (!/^(?:[0-9a-fA-F]{2})*$/.test(value)) throw new Error(`${key} is not hex: ${value}`);
    return Buffer.from(value, 'hex').toString('base64');
  }
  return value;
}

function decode(contentType: string, body: Buffer): protobuf.Message {
  const type = protoType(REQUEST_TYPE);
  if (contentType === 'application/x-protobuf') return type.decode(body);
  if (contentType !== 'application/json')
    throw new Error(`unsupported content-type ${contentType}`);
  const parsed: unknown = JSON.parse(body.toString('utf8'));
  const object = idsToBase64(parsed) as Json;
  const problem = type.verify(type.fromObject(object));
  if (problem) throw new Error(problem);
  return type.fromObject(object);
}

interface Decoded {
  resourceSpans?: {
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: {
      scope?: ReceivedSpan['scope'];
      spans?: (Omit<ReceivedSpan, 'service' | 'resource' | 'scope' | 'attributes' | 'events'> & {
        attributes?: KeyValue[];
        events?: { name: string; timeUnixNano: string; attributes?: KeyValue[] }[];
      })[];
    }[];
  }[];
}
interface KeyValue {
  key: string;
  value?: AnyValue;
}
interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: { values?: KeyValue[] };
  bytesValue?: string;
}

/** An AnyValue as a plain value: int64 as a number when it is safe, arrays as arrays. */
function plain(value: AnyValue | undefined): unknown {
  if (value === undefined) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(plain);
  if (value.kvlistValue !== undefined) return attributes(value.kvlistValue.values);
  return value.bytesValue;
}

function attributes(list: KeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, plain(value)]));
}

const hex = (base64: string | undefined) =>
  base64 === undefined || base64 === '' ? undefined : Buffer.from(base64, 'base64').toString('hex');

function spansOf(message: protobuf.Message): ReceivedSpan[] {
  const type = protoType(REQUEST_TYPE);
  const request = type.toObject(message, {
    longs: String,
    enums: String,
    bytes: String,
  }) as Decoded;
  const spans: ReceivedSpan[] = [];
  for (const resourceSpans of request.resourceSpans ?? []) {
    const resource = attributes(resourceSpans.resource?.attributes);
    const name = resource['service.name'];
    const service = typeof name === 'string' ? name : 'unknown';
    for (const scope of resourceSpans.scopeSpans ?? []) {
      for (const span of scope.spans ?? []) {
        const parentSpanId = hex(span.parentSpanId);
        spans.push({
          ...span,
          service,
          resource,
          scope: scope.scope ?? {},
          traceId: hex(span.traceId) ?? '',
          spanId: hex(span.spanId) ?? '',
          ...(parentSpanId === undefined ? {} : { parentSpanId }),
          attributes: attributes(span.attributes),
          events: (span.events ?? []).map((e) => ({ ...e, attributes: attributes(e.attributes) })),
        });
      }
    }
  }
  return spans;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function rpcStatus(
  contentType: string,
  code: number,
  message: string,
): { type: string; body: Uint8Array | string } {
  if (contentType === 'application/x-protobuf') {
    const status = otlpProtos().lookupType('google.rpc.Status');
    return { type: contentType, body: status.encode(status.create({ code, message })).finish() };
  }
  return { type: 'application/json', body: JSON.stringify({ code, message }) };
}

function success(contentType: string, partial?: { rejected: number; message: string }) {
  if (contentType === 'application/x-protobuf') {
    const type = protoType(RESPONSE_TYPE);
    const value = partial
      ? { partialSuccess: { rejectedSpans: partial.rejected, errorMessage: partial.message } }
      : {};
    return { type: contentType, body: type.encode(type.fromObject(value)).finish() };
  }
  const value = partial
    ? { partialSuccess: { rejectedSpans: String(partial.rejected), errorMessage: partial.message } }
    : {};
  return { type: 'application/json', body: JSON.stringify(value) };
}

const EMPTY = Buffer.alloc(0);

/**
 * `keepBodies`: keep every request's body (`ReceivedRequest.body`) for tests that read the bytes;
 * off by default, since a load test's bodies add up to hundreds of megabytes.
 */
export async function startOtlpBackend({ keepBodies = false } = {}): Promise<OtlpBackend> {
  otlpProtos().resolveAll();
  const spans: ReceivedSpan[] = [];
  const requests: ReceivedRequest[] = [];
  const queue: Answer[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || req.url !== '/v1/traces') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const raw = await readBody(req);
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    const encoding = req.headers['content-encoding'] ?? null;
    let decoded: ReceivedSpan[] = [];
    let decodeError: string | null = null;
    let body = raw;
    try {
      body = encoding === 'gzip' ? gunzipSync(raw) : raw;
      if (encoding !== null && encoding !== 'gzip')
        throw new Error(`unsupported content-encoding ${encoding}`);
      decoded = spansOf(decode(contentType, body));
    } catch (error) {
      decodeError = error instanceof Error ? error.message : String(error);
    }
    const answer = queue.shift();
    const record = (status: number) => {
      requests.push({
        at: Date.now(),
        contentType,
        contentEncoding: encoding,
        headers: req.headers,
        spans: decoded.length,
        decodeError,
        answer: status,
        body: keepBodies ? body : EMPTY,
      });
    };
    if (decodeError !== null && answer === undefined) {
      record(400);
      const { type, body } = rpcStatus(contentType, 3, `cannot decode the request: ${decodeError}`);
      res.writeHead(400, { 'content-type': type }).end(body);
      return;
    }
    switch (answer?.kind) {
      case undefined:
      case 'accept':
      case 'partial': {
        spans.push(...decoded);
        record(200);
        const partial = answer?.kind === 'partial' ? answer : undefined;
        const { type, body } = success(contentType, partial);
        res.writeHead(200, { 'content-type': type }).end(body);
        return;
      }
      case 'hold':
        spans.push(...decoded);
        record(200);
        await answer.release;
        if (!res.destroyed) {
          const { type, body } = success(contentType);
          res.writeHead(200, { 'content-type': type }).end(body);
        }
        return;
      case 'status':
        record(answer.status);
        res.writeHead(answer.status, answer.headers ?? {}).end(answer.body ?? '');
        return;
      case 'cut':
        spans.push(...decoded);
        record(200);
        // A body promised at 1 KiB, cut after 10 bytes: the client sees the connection reset.
        res.writeHead(200, { 'content-type': contentType, 'content-length': '1024' });
        res.write(Buffer.alloc(10));
        res.socket?.destroy();
        return;
      case 'garbage': {
        record(answer.status);
        res.writeHead(answer.status, { 'content-type': contentType });
        const chunk = Buffer.alloc(64 * 1024);
        for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 131 + 7) & 0xff;
        let left = answer.bytes;
        // Write as fast as the client reads; stop when it cancels (it reads at most 4 MiB).
        while (left > 0 && !res.destroyed) {
          const part = chunk.subarray(0, Math.min(left, chunk.length));
          left -= part.length;
          if (!res.write(part)) {
            await new Promise<void>((resolve) => {
              const done = () => {
                res.off('drain', done);
                res.off('close', done);
                resolve();
              };
              res.on('drain', done);
              res.on('close', done);
            });
          }
        }
        res.end();
        return;
      }
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${String(port)}`;

  const waitForSpans = (predicate: (span: ReceivedSpan) => boolean, min: number, what: string) =>
    poll(
      () => {
        const found = spans.filter(predicate);
        return found.length >= min ? found : undefined;
      },
      { what: `${String(min)} ${what} at the OTLP receiver` },
    );

  return {
    url,
    tracesUrl: `${url}/v1/traces`,
    spans,
    requests,
    answer(...answers) {
      queue.push(...answers);
    },
    waitForTrace: (traceId, minSpans) =>
      waitForSpans((s) => s.traceId === traceId, minSpans, `spans of trace ${traceId}`),
    waitForSpans,
    clear() {
      spans.length = 0;
      requests.length = 0;
      queue.length = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}
