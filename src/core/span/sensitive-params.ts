/**
 * Which URL parameter names hold secrets. A name is split into words (at "_", "-", ".", "[", any
 * other non-alphanumeric character, at camelCase humps and at letter/digit changes), and it is
 * sensitive when some run of consecutive words, joined, equals a listed name with its separators
 * removed. So `token` catches `user_token`, `x-auth-token` and `accessToken`, and `api_key` catches
 * `X-API-Key` and `apiKey`, while `key` leaves `keyword` and `monkey` alone.
 */

/**
 * Redacted by default (settings: `recording.sensitiveParams`). It covers OAuth/OIDC, API keys, sessions,
 * signed URLs (the OpenTelemetry `url.full` guidance names AWSAccessKeyId, Signature, sig and
 * X-Goog-Signature) and SAML. A false positive only hides a harmless value; a miss leaks a secret.
 */
export const DEFAULT_SENSITIVE_PARAMS: readonly string[] = Object.freeze([
  'token',
  'access_token',
  'id_token',
  'refresh_token',
  'api_key',
  'apikey',
  'key',
  'password',
  'passwd',
  'pwd',
  'passcode',
  'secret',
  'client_secret',
  'auth',
  'authorization',
  'code',
  'credential',
  'credentials',
  'session',
  'sessionid',
  'jsessionid',
  'phpsessid',
  'sid',
  'sig',
  'signature',
  'hmac',
  'jwt',
  'otp',
  'ticket',
  'samlresponse',
  'awsaccesskeyid',
]);

interface CompiledNames {
  readonly names: ReadonlySet<string>;
  readonly maxLength: number;
}

/** Letters, digits, and every non-ASCII code unit (so non-Latin names are words, not separators). */
function isWordChar(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c >= 0x80
  );
}

function isUpper(c: number): boolean {
  return c >= 0x41 && c <= 0x5a;
}

function isLower(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** A listed name as it is compared: lowercase, separators removed (`X-API-Key` → `xapikey`). */
function compact(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    if (isWordChar(name.charCodeAt(i))) out += name.charAt(i);
  }
  return out.toLowerCase();
}

const compiledCache = new WeakMap<readonly string[], CompiledNames>();

/** The list as a set, built once per list object (the recorder passes the same one for every request). */
function compile(list: readonly string[]): CompiledNames {
  // A caller bypassing the types with a non-list gets the defaults: redacting too much beats too little.
  const sensitive: readonly string[] = Array.isArray(list) ? list : DEFAULT_SENSITIVE_PARAMS;
  const cached = compiledCache.get(sensitive);
  if (cached !== undefined) return cached;
  const names = new Set<string>();
  let maxLength = 0;
  for (const entry of sensitive) {
    if (typeof entry !== 'string') continue;
    const name = compact(entry);
    if (name === '') continue;
    names.add(name);
    maxLength = Math.max(maxLength, name.length);
  }
  const compiled = { names, maxLength };
  compiledCache.set(sensitive, compiled);
  return compiled;
}

/** True when a word boundary falls between the characters at i-1 and i (both word characters). */
function isBoundary(name: string, i: number): boolean {
  const prev = name.charCodeAt(i - 1);
  const c = name.charCodeAt(i);
  if (isDigit(prev) !== isDigit(c)) return true;
  if (!isUpper(c)) return false;
  // camelCase hump (`apiKey`), or the last capital of an acronym before a word (`APIKey` → API Key).
  return isLower(prev) || (isUpper(prev) && isLower(name.charCodeAt(i + 1)));
}

/** The lowercase words of a (decoded) parameter name. */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= name.length; i++) {
    const word = i < name.length && isWordChar(name.charCodeAt(i));
    if (start >= 0 && (!word || isBoundary(name, i))) {
      words.push(name.slice(start, i).toLowerCase());
      start = -1;
    }
    if (word && start < 0) start = i;
  }
  return words;
}

function hexValue(c: number): number {
  if (isDigit(c)) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

/**
 * Decodes ASCII percent-escapes and "+" (form encoding's space), so `acc%65ss_token` is compared as
 * `access_token`. Other escapes stay as they are: the listed names are ASCII. Never throws.
 */
export function decodeParamName(raw: string): string {
  if (!raw.includes('%') && !raw.includes('+')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x2b) {
      out += ' ';
      continue;
    }
    if (c === 0x25) {
      const hi = hexValue(raw.charCodeAt(i + 1));
      const lo = hexValue(raw.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0 && hi < 8) {
        out += String.fromCharCode(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += raw.charAt(i);
  }
  return out;
}

/** True when the raw (possibly percent-encoded) parameter `name` is sensitive under `sensitive`. */
export function isSensitiveParam(name: string, sensitive: readonly string[]): boolean {
  const { names, maxLength } = compile(sensitive);
  if (names.size === 0) return false;
  const words = nameWords(decodeParamName(name));
  for (let i = 0; i < words.length; i++) {
    let run = '';
    for (let j = i; j < words.length; j++) {
      run += words[j] ?? '';
      if (run.length > maxLength) break;
      if (names.has(run)) return true;
    }
  }
  return false;
}
