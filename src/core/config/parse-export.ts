/** The `export` section: where and how recorded spans go as OTLP/HTTP (docs/config.md). */
import {
  describeValue,
  isRawObject,
  ownField,
  readBoolean,
  readChoice,
  readSection,
  readString,
  type RawObject,
} from './parse-fields';
import { isTchar } from '../propagation/text';

export type ExportProtocol = 'json' | 'protobuf';
export type ExportCompression = 'none' | 'gzip';
export type ResourceAttributeValue = string | number | boolean;

export interface ExportConfig {
  /** OTLP/HTTP traces URL, `…/v1/traces` included. */
  readonly endpoint: string;
  readonly protocol: ExportProtocol;
  readonly compression: ExportCompression;
  /** Sent with every export request, e.g. an API key; kept in storage.local only. */
  readonly headers: Readonly<Record<string, string>>;
  readonly serviceName: string;
  readonly resourceAttributes: Readonly<Record<string, ResourceAttributeValue>>;
  /** Export on its own every `intervalSeconds`. */
  readonly auto: boolean;
  readonly intervalSeconds: number;
}

export const DEFAULT_EXPORT: ExportConfig = {
  endpoint: 'http://localhost:4318/v1/traces',
  protocol: 'json',
  compression: 'none',
  headers: {},
  serviceName: 'browser',
  resourceAttributes: {},
  auto: false,
  intervalSeconds: 60,
};

/** chrome.alarms fires at most every 30 s (Chrome 120+), which wakes the worker to export. */
export const MIN_INTERVAL_SECONDS = 30;
export const MAX_INTERVAL_SECONDS = 86_400;
export const MAX_EXPORT_HEADERS = 32;
export const MAX_RESOURCE_ATTRIBUTES = 64;
const MAX_NAME_LENGTH = 256;
const MAX_VALUE_LENGTH = 4096;

/** Set by the exporter itself; a user value would break the request or lie about its body. */
const RESERVED_HEADERS = new Set([
  'content-type',
  'content-encoding',
  'content-length',
  'host',
  'connection',
  'transfer-encoding',
]);

function isToken(name: string): boolean {
  if (name === '' || name.length > MAX_NAME_LENGTH) return false;
  for (let i = 0; i < name.length; i++) if (!isTchar(name.charCodeAt(i))) return false;
  return true;
}

export type EndpointResult =
  | { readonly ok: true; readonly url: string }
  /** A fragment to follow the value, e.g. `has no path; OTLP/HTTP traces go to …`. */
  | { readonly ok: false; readonly problem: string };

/** An absolute http(s) URL without credentials or fragment, with a path to POST to. */
export function parseEndpoint(raw: string): EndpointResult {
  const text = raw.trim();
  if (!URL.canParse(text)) {
    return { ok: false, problem: `is not a URL; for example "${DEFAULT_EXPORT.endpoint}"` };
  }
  const url = new URL(text);
  const problem =
    url.protocol !== 'http:' && url.protocol !== 'https:'
      ? `must be an http:// or https:// URL, for example "${DEFAULT_EXPORT.endpoint}"`
      : url.username !== '' || url.password !== ''
        ? 'must not hold credentials; put them in export.headers'
        : url.hash !== ''
          ? 'must not have a fragment'
          : url.pathname === '/'
            ? `has no path; OTLP/HTTP traces go to ${url.origin}/v1/traces`
            : null;
  return problem === null ? { ok: true, url: url.href } : { ok: false, problem };
}

function readEndpoint(section: RawObject, errors: string[]): string {
  const raw = readString(section, 'endpoint', 'export', DEFAULT_EXPORT.endpoint, errors);
  const result = parseEndpoint(raw);
  if (result.ok) return result.url;
  errors.push(`export.endpoint: ${describeValue(raw)} ${result.problem}`);
  return DEFAULT_EXPORT.endpoint;
}

/** Why `name` cannot be an export header, as a fragment to follow it, or null. */
export function exportHeaderNameProblem(name: string): string | null {
  if (!isToken(name)) return 'is not a header name';
  if (RESERVED_HEADERS.has(name.toLowerCase())) return 'is set by the exporter itself';
  return null;
}

export const EXPORT_HEADER_VALUE_RULE = `must be text of at most ${String(MAX_VALUE_LENGTH)} characters on one line`;

/** A value an export header may carry (EXPORT_HEADER_VALUE_RULE). */
export function isExportHeaderValue(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_VALUE_LENGTH && !/[\0\r\n]/.test(value);
}

/** Why `name` cannot be the resource's service.name, as a fragment, or null. */
export function serviceNameProblem(name: string): string | null {
  return name.trim() === '' || name.length > MAX_NAME_LENGTH
    ? `must be 1 to ${String(MAX_NAME_LENGTH)} characters`
    : null;
}

/** A whole number of seconds from MIN_INTERVAL_SECONDS to MAX_INTERVAL_SECONDS. */
export function isIntervalSeconds(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= MIN_INTERVAL_SECONDS &&
    value <= MAX_INTERVAL_SECONDS
  );
}

function readHeaders(section: RawObject, errors: string[]): Readonly<Record<string, string>> {
  const value = ownField(section, 'headers');
  if (value === undefined) return DEFAULT_EXPORT.headers;
  if (!isRawObject(value)) {
    errors.push(
      `export.headers: must be an object of header name to value, got ${describeValue(value)}`,
    );
    return DEFAULT_EXPORT.headers;
  }
  const headers: Record<string, string> = {};
  const names = Object.keys(value);
  if (names.length > MAX_EXPORT_HEADERS) {
    errors.push(
      `export.headers: ${String(names.length)} headers; at most ${String(MAX_EXPORT_HEADERS)}`,
    );
  }
  for (const name of names.slice(0, MAX_EXPORT_HEADERS)) {
    const header = value[name];
    const at = `export.headers[${JSON.stringify(name)}]`;
    const nameProblem = exportHeaderNameProblem(name);
    if (nameProblem !== null) errors.push(`${at}: ${nameProblem}`);
    else if (!isExportHeaderValue(header)) errors.push(`${at}: ${EXPORT_HEADER_VALUE_RULE}`);
    else headers[name] = header;
  }
  return headers;
}

function readResourceAttributes(
  section: RawObject,
  errors: string[],
): Readonly<Record<string, ResourceAttributeValue>> {
  const value = ownField(section, 'resourceAttributes');
  if (value === undefined) return DEFAULT_EXPORT.resourceAttributes;
  if (!isRawObject(value)) {
    errors.push(`export.resourceAttributes: must be an object, got ${describeValue(value)}`);
    return DEFAULT_EXPORT.resourceAttributes;
  }
  const attributes: Record<string, ResourceAttributeValue> = {};
  const keys = Object.keys(value);
  if (keys.length > MAX_RESOURCE_ATTRIBUTES) {
    errors.push(
      `export.resourceAttributes: ${String(keys.length)} attributes; at most ${String(MAX_RESOURCE_ATTRIBUTES)}`,
    );
  }
  for (const key of keys.slice(0, MAX_RESOURCE_ATTRIBUTES)) {
    const attribute = value[key];
    const at = `export.resourceAttributes[${JSON.stringify(key)}]`;
    const ok =
      (typeof attribute === 'string' && attribute.length <= MAX_VALUE_LENGTH) ||
      typeof attribute === 'boolean' ||
      (typeof attribute === 'number' && Number.isFinite(attribute));
    if (key === '' || key.length > MAX_NAME_LENGTH)
      errors.push(`${at}: key must be 1 to ${String(MAX_NAME_LENGTH)} characters`);
    else if (key === 'service.name') errors.push(`${at}: set export.serviceName instead`);
    else if (!ok)
      errors.push(
        `${at}: must be text, a finite number or true/false, got ${describeValue(attribute)}`,
      );
    // -0 would not survive storage's JSON round trip as itself (as for sampling.ratio).
    else attributes[key] = attribute === 0 ? 0 : attribute;
  }
  return attributes;
}

export function parseExport(raw: RawObject, errors: string[]): ExportConfig {
  const section = readSection(raw, 'export', '', errors);
  const serviceName = readString(
    section,
    'serviceName',
    'export',
    DEFAULT_EXPORT.serviceName,
    errors,
  );
  const serviceProblem = serviceNameProblem(serviceName);
  if (serviceProblem !== null) errors.push(`export.serviceName: ${serviceProblem}`);
  const interval = ownField(section, 'intervalSeconds');
  let intervalSeconds = DEFAULT_EXPORT.intervalSeconds;
  if (interval !== undefined) {
    if (isIntervalSeconds(interval)) {
      intervalSeconds = interval;
    } else {
      errors.push(
        `export.intervalSeconds: must be a whole number of seconds from ${String(MIN_INTERVAL_SECONDS)} to ${String(MAX_INTERVAL_SECONDS)}, got ${describeValue(interval)}`,
      );
    }
  }
  return {
    endpoint: readEndpoint(section, errors),
    protocol: readChoice(
      section,
      'protocol',
      'export',
      ['json', 'protobuf'] as const,
      DEFAULT_EXPORT.protocol,
      errors,
    ),
    compression: readChoice(
      section,
      'compression',
      'export',
      ['none', 'gzip'] as const,
      DEFAULT_EXPORT.compression,
      errors,
    ),
    headers: readHeaders(section, errors),
    serviceName: serviceName.trim() === '' ? DEFAULT_EXPORT.serviceName : serviceName,
    resourceAttributes: readResourceAttributes(section, errors),
    auto: readBoolean(section, 'auto', 'export', DEFAULT_EXPORT.auto, errors),
    intervalSeconds,
  };
}
