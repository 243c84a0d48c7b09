/**
 * OpenTelemetry HTTP client semantic conventions from a HAR entry: method, server, protocol,
 * outcome (status code, error.type and span status).
 */
import { parseOrigin } from '../config/origin';
import { truncate } from './har-read';
import { STATUS_ERROR, STATUS_UNSET, type StatusCode } from './model';
import type { UrlParts } from './url-parts';

/** Semantic conventions, `http.request.method`: the methods known by default (RFC 9110, RFC 5789, QUERY). */
export const KNOWN_METHODS: ReadonlySet<string> = new Set([
  'CONNECT',
  'DELETE',
  'GET',
  'HEAD',
  'OPTIONS',
  'PATCH',
  'POST',
  'PUT',
  'QUERY',
  'TRACE',
]);
/** Semantic conventions: an unknown method is recorded as `_OTHER`, and the span name uses `HTTP`. */
export const OTHER_METHOD = '_OTHER';
export const OTHER_METHOD_SPAN_NAME = 'HTTP';
/** Semantic conventions, `error.type`: the fallback when no better identifier exists. */
export const OTHER_ERROR = '_OTHER';
/** Cap on `http.request.method_original`, `error.type` and the like: identifiers, not payloads. */
export const MAX_LABEL_LENGTH = 128;
/** HTTP status codes are three digits (RFC 9110 §15). */
const MIN_STATUS = 100;
const MAX_STATUS = 999;
const MIN_ERROR_STATUS = 400;
const DEFAULT_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443 };
/** Chromium's net errors for requests a policy stopped: extensions, CSP, ORB, enterprise policy. */
const BLOCKED_ERROR_PREFIX = 'net::ERR_BLOCKED_BY_';

/** Case matters: `get` is not GET (RFC 9110 §9.1), and Chromium upper-cases the standard ones. */
export function isKnownMethod(method: string): boolean {
  return KNOWN_METHODS.has(method);
}

/** `network.protocol.version` from a HAR httpVersion: `HTTP/1.1` → 1.1, `h2` → 2, `h3`/`h3-29` → 3. */
export function protocolVersion(httpVersion: string | undefined): string | undefined {
  if (httpVersion === undefined) return undefined;
  const v = httpVersion.trim().toLowerCase();
  const bare = v.startsWith('http/') ? v.slice(5) : v;
  if (bare === '0.9' || bare === '1.0' || bare === '1.1') return bare;
  if (bare === 'h2' || bare === 'h2c' || bare === '2' || bare === '2.0') return '2';
  if (bare === 'h3' || bare.startsWith('h3-') || bare === '3' || bare === '3.0') return '3';
  return undefined;
}

export interface Server {
  /** Host name or IP address, IPv6 without brackets. */
  readonly address: string;
  readonly port: number;
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * `server.address` and `server.port` of an http(s) URL. parseOrigin gives the browser's canonical
 * host; a host it refuses to be sure about is taken as written (lowercased), since the request was
 * made either way. Null when there is no host or the port is not a port.
 */
export function serverOf(url: string, parts: UrlParts): Server | null {
  const origin = parseOrigin(url);
  if (origin !== null) return { address: stripBrackets(origin.host), port: origin.port };
  const authority = url.slice(parts.authorityStart, parts.authorityEnd);
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const close = hostPort.startsWith('[') ? hostPort.indexOf(']') : -1;
  const colon = hostPort.indexOf(':', close + 1);
  const host = stripBrackets(colon < 0 ? hostPort : hostPort.slice(0, colon));
  const rawPort = colon < 0 ? '' : hostPort.slice(colon + 1);
  const defaultPort = DEFAULT_PORTS[parts.scheme] ?? 0;
  const port = rawPort === '' ? defaultPort : /^[0-9]{1,5}$/.test(rawPort) ? Number(rawPort) : -1;
  if (host === '' || port < 0 || port > 65535) return null;
  return { address: host.toLowerCase(), port };
}

/** The response status code, or null when no response arrived (HAR status 0) or it is not a code. */
export function responseStatus(status: unknown): number | null {
  return typeof status === 'number' &&
    Number.isInteger(status) &&
    status >= MIN_STATUS &&
    status <= MAX_STATUS
    ? status
    : null;
}

export interface Outcome {
  /** Null when no response arrived. */
  readonly statusCode: number | null;
  readonly statusText: string | undefined;
  /** Chromium's `response._error`, e.g. `net::ERR_CONNECTION_REFUSED`. */
  readonly error: string | undefined;
}

/**
 * Semantic conventions, `error.type`: the status code as a string for 4xx/5xx, else the browser's
 * low-cardinality net error, or `_OTHER` for a request that got no response and no reason.
 */
export function errorType(outcome: Outcome): string | undefined {
  const { statusCode, error } = outcome;
  if (statusCode !== null && statusCode >= MIN_ERROR_STATUS) return String(statusCode);
  if (error !== undefined) return truncate(error, MAX_LABEL_LENGTH);
  return statusCode === null ? OTHER_ERROR : undefined;
}

/**
 * Semantic conventions: ERROR on a CLIENT span for a status of 400 and above and for a request that
 * failed (no response, or a net error such as an abort mid-body); otherwise UNSET. The message is
 * short, for the panel and the backend's span list.
 */
export function spanStatus(outcome: Outcome): { code: StatusCode; message?: string } {
  const { statusCode, statusText, error } = outcome;
  if (statusCode !== null && statusCode >= MIN_ERROR_STATUS) {
    const text = statusText === undefined || statusText === '' ? '' : ` ${statusText}`;
    return {
      code: STATUS_ERROR,
      message: truncate(`HTTP ${String(statusCode)}${text}`, MAX_LABEL_LENGTH),
    };
  }
  if (error !== undefined) {
    const verb = error.startsWith(BLOCKED_ERROR_PREFIX) ? 'blocked' : 'failed';
    return { code: STATUS_ERROR, message: truncate(`${verb}: ${error}`, MAX_LABEL_LENGTH) };
  }
  if (statusCode === null) return { code: STATUS_ERROR, message: 'failed: no response' };
  return { code: STATUS_UNSET };
}
