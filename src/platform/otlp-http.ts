/**
 * One OTLP/HTTP request: POST the body, optionally gzipped (CompressionStream), with a timeout,
 * and read at most MAX_RESPONSE_BYTES of the answer, so a huge or endless body can neither hang
 * nor exhaust the exporter.
 */
import { MAX_RESPONSE_BYTES, type ExportResponse } from '../core/otlp/export-response';

export interface PostOptions {
  readonly contentType: 'application/json' | 'application/x-protobuf';
  readonly gzip: boolean;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Sent as User-Agent where the browser lets an extension set it (OTLP: exporters SHOULD). */
  readonly userAgent: string;
}

export type PostResult =
  | ({ readonly kind: 'response'; readonly retryAfter: string | null } & ExportResponse)
  | { readonly kind: 'network'; readonly timedOut: boolean; readonly message: string };

async function gzip(body: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([body as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The body's first MAX_RESPONSE_BYTES; the rest is cancelled unread. */
async function cappedBody(response: Response): Promise<{ body: Uint8Array; truncated: boolean }> {
  const reader = response.body?.getReader();
  if (reader === undefined) return { body: new Uint8Array(), truncated: false };
  const parts: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = MAX_RESPONSE_BYTES - length;
    parts.push(value.length > room ? value.subarray(0, room) : value);
    length += Math.min(value.length, room);
    if (value.length >= room) {
      await reader.cancel();
      return { body: concat(parts, length), truncated: true };
    }
  }
  return { body: concat(parts, length), truncated: false };
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export async function postOtlp(
  url: string,
  body: Uint8Array,
  options: PostOptions,
): Promise<PostResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort();
  }, options.timeoutMs);
  try {
    const headers: Record<string, string> = {
      ...options.headers,
      'content-type': options.contentType,
      'user-agent': options.userAgent,
    };
    let payload = body;
    if (options.gzip) {
      payload = await gzip(body);
      headers['content-encoding'] = 'gzip';
    }
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body: payload as BodyInit,
      signal: controller.signal,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
    });
    const { body: answer, truncated } = await cappedBody(response);
    return {
      kind: 'response',
      status: response.status,
      contentType:
        (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '',
      body: answer,
      truncated,
      retryAfter: response.headers.get('retry-after'),
    };
  } catch (error) {
    const timedOut = controller.signal.aborted;
    const message = timedOut
      ? `no answer within ${String(options.timeoutMs / 1000)} s`
      : error instanceof Error
        ? error.message
        : String(error);
    return { kind: 'network', timedOut, message };
  } finally {
    clearTimeout(timer);
  }
}
