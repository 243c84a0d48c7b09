/**
 * What an OTLP/HTTP backend's answer means for the user (OTLP spec, "OTLP/HTTP Response"): a 2xx
 * accepts the batch, possibly with a partial success; anything else carries a google.rpc.Status
 * (or, from proxies and misconfigured servers, anything at all). Bodies are untrusted and capped
 * before they get here; this only interprets them and never throws.
 */
import { messageField, readFields, stringField, varintField } from './proto-read';

/** Read at most this much of a response body (the spec's recommendation). */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
/** At most this much of a server's message is shown. */
export const MAX_SHOWN_MESSAGE = 300;

export interface ExportResponse {
  readonly status: number;
  /** `content-type` without parameters, lowercase. */
  readonly contentType: string;
  readonly body: Uint8Array;
  /** True when the body was cut at MAX_RESPONSE_BYTES. */
  readonly truncated: boolean;
}

export type ResponseMeaning =
  | { readonly accepted: true; readonly rejectedSpans: number; readonly message: string | null }
  | { readonly accepted: false; readonly status: number; readonly message: string };

const textDecoder = new TextDecoder('utf-8', { fatal: false });

/** Printable, single-line, at most MAX_SHOWN_MESSAGE characters. */
export function excerpt(text: string): string {
  let clean = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    clean += cp < 0x20 || cp === 0x7f ? ' ' : ch;
    if (clean.length > MAX_SHOWN_MESSAGE) break;
  }
  clean = clean.replace(/\s+/g, ' ').trim();
  return clean.length > MAX_SHOWN_MESSAGE ? `${clean.slice(0, MAX_SHOWN_MESSAGE - 1)}…` : clean;
}

/** A server's message as shown, or null when it is not text or shows as nothing (blanks only). */
function shown(message: unknown): string | null {
  const text = typeof message === 'string' ? excerpt(message) : '';
  return text === '' ? null : text;
}

function asJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(textDecoder.decode(body)) as unknown;
  } catch {
    return undefined;
  }
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/**
 * A count (int64): a number, or in JSON a decimal string (proto3 JSON mapping). A negative int64
 * or one beyond 2^53 (a varint of up to 70 bits reads as such) is no count, so 0.
 */
function spanCount(value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  return 0;
}

function partialSuccess(response: ExportResponse): { rejected: number; message: string | null } {
  if (response.contentType === 'application/x-protobuf') {
    const fields = readFields(response.body);
    const partial = fields === null ? undefined : messageField(fields, 1);
    if (!partial) return { rejected: 0, message: null };
    return {
      rejected: spanCount(varintField(partial, 1)),
      message: shown(stringField(partial, 2)),
    };
  }
  const partial = field(asJson(response.body), 'partialSuccess');
  return {
    rejected: spanCount(field(partial, 'rejectedSpans')),
    message: shown(field(partial, 'errorMessage')),
  };
}

/** The server's own words: a google.rpc.Status message, or the body as text. */
function serverMessage(response: ExportResponse): string {
  if (response.contentType === 'application/x-protobuf') {
    const fields = readFields(response.body);
    const message = fields === null ? null : shown(stringField(fields, 2));
    if (message !== null) return message;
  }
  const json = asJson(response.body);
  const message = shown(field(json, 'message') ?? field(field(json, 'error'), 'message'));
  if (message !== null) return message;
  const text = excerpt(textDecoder.decode(response.body));
  return text === '' ? '(no message)' : text + (response.truncated ? ' …' : '');
}

export function interpretResponse(response: ExportResponse): ResponseMeaning {
  if (response.status >= 200 && response.status < 300) {
    const { rejected, message } = partialSuccess(response);
    return { accepted: true, rejectedSpans: rejected, message };
  }
  return { accepted: false, status: response.status, message: serverMessage(response) };
}

/** What to check, for the statuses users meet while setting an exporter up. */
const HINTS: Readonly<Record<number, string>> = {
  400: 'the backend could not read the request',
  401: 'check the export headers (authentication)',
  403: 'check the export headers (permissions)',
  404: 'check the endpoint: OTLP/HTTP traces go to …/v1/traces',
  405: 'check the endpoint: it does not take POST',
  413: 'the batch is too large',
  415: 'the backend does not take this protocol: try the other one (json or protobuf)',
};

/** One sentence for the popup or panel, e.g. `401 from the backend: check the export headers…`. */
export function describeFailure(status: number, message: string): string {
  const hint = HINTS[status];
  return `${String(status)} from the backend${hint ? `: ${hint}` : ''}. It said: ${message}`;
}
