/**
 * Invariant 7: secrets stay home. URLs are redacted before anything is stored: the values of
 * sensitive parameters and any userinfo. Everything else is copied byte for byte (no decoding or
 * re-encoding), so a redacted URL still matches what DevTools shows.
 */
import { isSensitiveParam } from './sensitive-params';
import { splitUrl } from './url-parts';

export { DEFAULT_SENSITIVE_PARAMS, isSensitiveParam } from './sensitive-params';

/** What a secret is replaced with, as the OpenTelemetry `url.full` guidance spells it. */
export const REDACTED = 'REDACTED';

const AMPERSAND = 0x26;
const SEMICOLON = 0x3b;

/** Accumulates the output as slices of the input plus replacements, in increasing input order. */
class Rewriter {
  #out = '';
  #copied = 0;
  #changed = false;

  constructor(private readonly input: string) {}

  replace(from: number, to: number, replacement: string): void {
    this.#out += this.input.slice(this.#copied, from) + replacement;
    this.#copied = to;
    this.#changed = true;
  }

  result(): string {
    return !this.#changed ? this.input : this.#out + this.input.slice(this.#copied);
  }
}

/** `name=value` pairs in [from, to), split at "&" or ";": sensitive non-empty values are replaced. */
function redactPairs(
  url: string,
  from: number,
  to: number,
  sensitive: readonly string[],
  out: Rewriter,
): void {
  let start = from;
  for (let i = from; i <= to; i++) {
    const c = i < to ? url.charCodeAt(i) : AMPERSAND;
    // ";" as well as "&": some servers still split on it, and over-splitting can only redact more.
    if (c !== AMPERSAND && c !== SEMICOLON) continue;
    const eq = url.indexOf('=', start);
    if (eq >= 0 && eq + 1 < i && isSensitiveParam(url.slice(start, eq), sensitive)) {
      out.replace(eq + 1, i, REDACTED);
    }
    start = i + 1;
  }
}

/** Matrix parameters in path segments, `/cart;jsessionid=…/items`: everything after a segment's first ";". */
function redactPathParams(
  url: string,
  from: number,
  to: number,
  sensitive: readonly string[],
  out: Rewriter,
): void {
  let i = url.indexOf(';', from);
  while (i >= 0 && i < to) {
    let end = url.indexOf('/', i);
    if (end < 0 || end > to) end = to;
    redactPairs(url, i + 1, end, sensitive, out);
    i = url.indexOf(';', end);
  }
}

/**
 * A fragment's parameters: after a "?" in it (hash routers, `#/login?token=…`), or the whole
 * fragment when it is `name=value` pairs (OAuth implicit flow, `#access_token=…&state=…`).
 */
function redactFragment(
  url: string,
  hash: number,
  sensitive: readonly string[],
  out: Rewriter,
): void {
  const question = url.indexOf('?', hash + 1);
  if (question >= 0) redactPairs(url, question + 1, url.length, sensitive, out);
  else if (url.includes('=', hash + 1)) redactPairs(url, hash + 1, url.length, sensitive, out);
}

/**
 * `url` with userinfo replaced (`https://REDACTED:REDACTED@host/`, as OpenTelemetry's `url.full`
 * asks) and the values of parameters named in `sensitive` replaced by REDACTED, in the query, in
 * the fragment and in path matrix parameters. Names match as isSensitiveParam describes. Never
 * throws; a non-string yields ''.
 */
export function redactUrl(url: string, sensitive: readonly string[]): string {
  if (typeof url !== 'string') return '';
  const parts = splitUrl(url);
  const out = new Rewriter(url);
  if (parts.authorityStart >= 0) {
    const at = url.lastIndexOf('@', parts.authorityEnd - 1);
    if (at > parts.authorityStart) {
      const colon = url.indexOf(':', parts.authorityStart);
      out.replace(
        parts.authorityStart,
        at,
        colon >= 0 && colon < at ? `${REDACTED}:${REDACTED}` : REDACTED,
      );
    }
  }
  redactPathParams(url, parts.pathStart, parts.pathEnd, sensitive, out);
  if (parts.queryStart >= 0) {
    const end = parts.fragmentStart >= 0 ? parts.fragmentStart : url.length;
    redactPairs(url, parts.queryStart + 1, end, sensitive, out);
  }
  if (parts.fragmentStart >= 0) redactFragment(url, parts.fragmentStart, sensitive, out);
  return out.result();
}
