/**
 * Invariant 7: secrets stay home. URLs and propagation header values are redacted before anything
 * is stored: the values of sensitive parameters (also inside values that hold an encoded URL or
 * pairs of their own) and any userinfo. Everything else is copied byte for byte (no decoding or
 * re-encoding), so a redacted URL still matches what DevTools shows. The work is linear in the
 * input (redact-text.ts) and capped per value, so no hostile HAR entry can stall the recorder.
 */
import { truncate } from './har-read';
import type { Level } from './redact-level';
import { scanPairs, scanText, scanValue } from './redact-text';
import { noWork, type RedactionWork } from './redaction-work';

export { DEFAULT_SENSITIVE_PARAMS, isSensitiveParam } from './sensitive-params';
export { MAX_VALUE_DEPTH, REDACTED } from './redact-level';
export type { RedactionWork } from './redaction-work';

/**
 * Characters of a URL that are scanned; the rest of a longer one is dropped unscanned. Stored URLs
 * are cut to MAX_URL_LENGTH (8192) after redaction, and this leaves room for long secrets (a JWT
 * of several kilobytes shrinks to REDACTED) before that cut, while a 2 MB URL costs no more.
 */
export const MAX_SCANNED_URL_LENGTH = 65_536;

/** Accumulates the output as slices of the input plus replacements, in increasing input order. */
class Rewriter {
  #out = '';
  #copied = 0;
  #changed = false;

  constructor(private readonly input: string) {}

  replace(from: number, to: number, replacement: string): void {
    // Ranges arrive in increasing order; one reaching back is clipped, so no replaced byte is copied.
    const start = Math.max(from, this.#copied);
    this.#out += this.input.slice(this.#copied, start) + replacement;
    this.#copied = Math.max(to, this.#copied);
    this.#changed = true;
  }

  result(): string {
    return !this.#changed ? this.input : this.#out + this.input.slice(this.#copied);
  }
}

/** `input`, cut to `limit` characters, with the ranges `scan` reports replaced. */
function rewrite(
  input: string,
  limit: number,
  sensitive: readonly string[],
  work: RedactionWork,
  scan: (level: Level) => void,
): string {
  const text = truncate(input, limit);
  const out = new Rewriter(text);
  scan({
    text,
    depth: 0,
    // A cut text may end inside an authority whose "@" lies past the cut: the scanner then
    // redacts all of it rather than expose part of a password.
    open: text.length < input.length,
    sensitive,
    work,
    sink: (from, to, replacement) => {
      out.replace(from, to, replacement);
    },
  });
  work.steps += text.length;
  return out.result();
}

/**
 * `url` with userinfo replaced (`https://REDACTED:REDACTED@host/`, as OpenTelemetry's `url.full`
 * asks) and the values of parameters named in `sensitive` replaced by REDACTED, in the query, in
 * the fragment and in path matrix parameters, and inside other values that hold encoded URLs or
 * pairs. Names match as isSensitiveParam describes. Only the first MAX_SCANNED_URL_LENGTH
 * characters are kept. Never throws; a non-string yields ''. `work` counts the characters visited.
 */
export function redactUrl(
  url: string,
  sensitive: readonly string[],
  work: RedactionWork = noWork(),
): string {
  if (typeof url !== 'string') return '';
  return rewrite(url, MAX_SCANNED_URL_LENGTH, sensitive, work, scanText);
}

/**
 * A W3C Baggage value with the values of members and properties whose keys are sensitive replaced
 * (`session_token=abc;p=1` → `session_token=REDACTED;p=1`), other values scanned like query values,
 * the rest byte for byte. Only the first `limit` characters are kept. Lenient: malformed members
 * are copied or redacted, never rejected.
 */
export function redactBaggage(
  value: string,
  sensitive: readonly string[],
  limit: number,
  work: RedactionWork = noWork(),
): string {
  if (typeof value !== 'string') return '';
  return rewrite(value, limit, sensitive, work, (level) => {
    scanPairs(level, 0, level.text.length, 'baggage');
  });
}

/**
 * One parameter value, scanned as a query value is: an encoded URL or pairs inside it have their
 * secrets replaced. Only the first `limit` characters are kept.
 */
export function redactParamValue(
  value: string,
  sensitive: readonly string[],
  limit: number,
  work: RedactionWork = noWork(),
): string {
  if (typeof value !== 'string') return '';
  return rewrite(value, limit, sensitive, work, (level) => {
    scanValue(level, 0, level.text.length);
  });
}
