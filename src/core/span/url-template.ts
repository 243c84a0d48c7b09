/**
 * OpenTelemetry semantic conventions, `url.template`: the low-cardinality template of an absolute
 * path, e.g. `/users/{id}`. Span names are `{method} {url.template}`, so every id-like segment
 * must go, or each user, order and session becomes a span name of its own.
 */

export const ID_PLACEHOLDER = '{id}';

/** Longer templates are cut at a "/" and end in "/…": a name, not a copy of the URL. */
export const MAX_TEMPLATE_LENGTH = 256;
/** Hex runs at least this long are ids whatever their letters (no English word is 16 hex letters). */
export const HEX_ID_MIN_LENGTH = 16;
/** Shorter hex runs are ids from this length when they hold a digit: short hashes, not "deadbeef". */
export const SHORT_HEX_ID_MIN_LENGTH = 8;
/** base64url / base32 / base62 tokens (nanoid, ULID, KSUID, Firebase ids) from this length. */
export const TOKEN_ID_MIN_LENGTH = 20;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIGITS = /^[0-9]+$/;
const HEX = /^[0-9a-f]+$/i;
const HAS_DIGIT = /[0-9]/;
const HAS_LETTER = /[a-z]/i;
const TOKEN = /^[A-Za-z0-9_-]+$/;
const TLD = /^[a-z]{2,}$/i;

/**
 * `local@domain.tld`, also with "@" percent-encoded; `react@18.2.0` has no alphabetic TLD and stays.
 * By hand rather than one regex: a regex with two open-ended runs backtracks quadratically on a
 * long hostile segment.
 */
function isEmail(s: string): boolean {
  let at = s.indexOf('@');
  let after = at + 1;
  if (at < 0) {
    at = s.indexOf('%40');
    after = at + 3;
  }
  if (at <= 0) return false;
  const domain = s.slice(after);
  const dot = domain.lastIndexOf('.');
  return dot > 0 && !domain.includes('@') && TLD.test(domain.slice(dot + 1));
}

/**
 * True for a segment (or dot-separated part of one) that names one thing among many:
 * - digits only: `8123`;
 * - a UUID of any case: `f47ac10b-58cc-4372-a567-0e02b2c3d479`;
 * - hex of 16 or more digits (trace ids, hashes, MongoDB ObjectIds), or of 8 to 15 with at least one
 *   decimal digit (short hashes) — so words such as `deadbeef`, `facade`, `decade` stay;
 * - a token of 20 or more base64url characters with at least one digit and one letter;
 * - an email address.
 */
export function isIdSegment(s: string): boolean {
  if (s === '') return false;
  if (DIGITS.test(s) || UUID.test(s)) return true;
  if (HEX.test(s)) {
    return (
      s.length >= HEX_ID_MIN_LENGTH || (s.length >= SHORT_HEX_ID_MIN_LENGTH && HAS_DIGIT.test(s))
    );
  }
  if (s.length >= TOKEN_ID_MIN_LENGTH && TOKEN.test(s) && HAS_DIGIT.test(s) && HAS_LETTER.test(s)) {
    return true;
  }
  return isEmail(s);
}

/**
 * One path segment: matrix parameters (`;jsessionid=…`) dropped, then the whole segment, or else each
 * dot-separated part of it, replaced when id-like: `main.4bf92f35.js` → `main.{id}.js`,
 * `8123.png` → `{id}.png`. A segment with several numeric parts is a version (`1.2.3`,
 * `react@18.2.0`) and keeps its numbers.
 */
function templateSegment(segment: string): string {
  const semicolon = segment.indexOf(';');
  const bare = semicolon < 0 ? segment : segment.slice(0, semicolon);
  if (isIdSegment(bare)) return ID_PLACEHOLDER;
  if (!bare.includes('.')) return bare;
  const parts = bare.split('.');
  const version = parts.filter((part) => DIGITS.test(part)).length > 1;
  return parts
    .map((part) => (isIdSegment(part) && !(version && DIGITS.test(part)) ? ID_PLACEHOLDER : part))
    .join('.');
}

function capLength(template: string): string {
  if (template.length <= MAX_TEMPLATE_LENGTH) return template;
  const cut = template.lastIndexOf('/', MAX_TEMPLATE_LENGTH - 2);
  return `${template.slice(0, cut > 0 ? cut : MAX_TEMPLATE_LENGTH - 2)}/…`;
}

/**
 * The `url.template` of a URL path: id-like segments become `{id}`. Anything from "?" or "#" on is
 * not part of a template and is dropped; an empty path is "/". Never throws: a non-string is "/".
 */
export function urlTemplate(path: string): string {
  if (typeof path !== 'string') return '/';
  let end = path.length;
  const question = path.indexOf('?');
  if (question >= 0) end = question;
  const hash = path.indexOf('#');
  if (hash >= 0 && hash < end) end = hash;
  const bare = path.slice(0, end);
  if (bare === '') return '/';
  const template = bare.split('/').map(templateSegment).join('/');
  return template === '' ? '/' : capLength(template);
}
