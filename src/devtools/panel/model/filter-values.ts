/**
 * The value part of `key:value` filter terms, for the keys the panel knows. A known key with a bad
 * value is an invalid term with a reason (it matches nothing); an unknown key is not handled here
 * and falls back to text, as in DevTools.
 */
import type { Comparison, FlagName, TermTest } from './filter-terms';

export type ValueResult = TermTest | { readonly reason: string };

/** RFC 9110 token characters: what an HTTP method is made of. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const STATUS_CODE = /^[0-9]{1,3}$/;
const STATUS_CLASS = /^([1-5])xx$/i;
const TRACE_PREFIX = /^[0-9a-fA-F]{1,32}$/;
/** Host names, IPv4, IPv6 (colons), IDNA and `*`: anything else cannot be in server.address. */
const HOST_PATTERN = /^[\p{L}\p{N}.*:_[\]%-]+$/u;
const DURATION = /^([0-9]+(?:\.[0-9]+)?)(ms|s)?$/i;

const FLAGS: readonly FlagName[] = ['error', 'exported', 'unexported'];

export const KNOWN_KEYS: ReadonlySet<string> = new Set([
  'method',
  'status',
  'status-code',
  'domain',
  'trace',
  'name',
  'url',
  'is',
  'duration',
]);
export const ATTR_KEY_PREFIX = 'attr.';

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function statusValue(value: string): ValueResult {
  if (STATUS_CODE.test(value)) {
    const code = Number(value);
    return { field: 'status', min: code, max: code };
  }
  const cls = STATUS_CLASS.exec(value)?.[1];
  if (cls !== undefined) {
    const min = Number(cls) * 100;
    return { field: 'status', min, max: min + 99 };
  }
  return { reason: 'status: expects a code such as 404, or a class such as 4xx' };
}

function domainValue(value: string): ValueResult {
  if (!HOST_PATTERN.test(value)) {
    return { reason: 'domain: expects a host name; * matches any characters' };
  }
  // DevTools' domain filter: `*` is any run of characters, the rest literal, the whole host.
  const source = value.split('*').map(escapeRegExp).join('.*');
  return { field: 'domain', pattern: new RegExp(`^${source}$`, 'i') };
}

/** The value of a known `key:` term (key lowercase). */
export function keyValue(key: string, value: string): ValueResult {
  if (value === '') return { reason: `${key}: needs a value` };
  switch (key) {
    case 'method':
      return TOKEN.test(value)
        ? { field: 'method', method: value.toUpperCase() }
        : { reason: 'method: expects an HTTP method such as GET' };
    case 'status':
    case 'status-code':
      return statusValue(value);
    case 'domain':
      return domainValue(value);
    case 'trace':
      return TRACE_PREFIX.test(value)
        ? { field: 'trace', prefix: value.toLowerCase() }
        : { reason: 'trace: expects the start of a trace id (up to 32 hex digits)' };
    case 'name':
      return { field: 'name', needle: value.toLowerCase() };
    case 'url':
      return { field: 'url', needle: value.toLowerCase() };
    case 'is': {
      const flag = FLAGS.find((f) => f === value.toLowerCase());
      return flag === undefined
        ? { reason: 'is: expects error, exported or unexported' }
        : { field: 'is', flag };
    }
    case 'duration':
      return { reason: 'duration: use duration>N or duration<N, in milliseconds' };
    default:
      return { reason: `${key}: not a filter key` };
  }
}

/** `attr.<key>:<value>`; `key` is the part after `attr.`, case kept (attribute names are). */
export function attrValue(key: string, value: string): ValueResult {
  if (key === '') return { reason: 'attr.: needs an attribute name, e.g. attr.server.port:443' };
  if (value === '') return { reason: `attr.${key}: needs a value, or * for any` };
  return { field: 'attr', key, needle: value === '*' ? null : value.toLowerCase() };
}

/** `duration>N`: N milliseconds, or with a unit, `200ms`, `1.5s`. */
export function durationValue(op: Comparison, value: string): ValueResult {
  const match = DURATION.exec(value);
  const amount = match?.[1];
  if (match === null || amount === undefined) {
    return { reason: `duration${op}: expects milliseconds, e.g. duration${op}200 or 1.5s` };
  }
  const unit = match[2]?.toLowerCase();
  return { field: 'duration', op, ms: Number(amount) * (unit === 's' ? 1000 : 1) };
}
