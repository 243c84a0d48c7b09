/**
 * A parameter name as sensitive-params.ts compares it: percent-decoded (repeatedly, bounded) and
 * split into lowercase words. Both steps are single forward scans, linear in the name's length.
 */
import { decodeOnce } from './percent-map';
import type { RedactionWork } from './redaction-work';

/**
 * Decoding rounds tried on a name: `tok%2565n` needs two. A name that still holds an escape after
 * this many is treated as sensitive (nameDecoded returns null): redacting too much beats too little.
 */
export const MAX_NAME_DECODINGS = 4;

/** Letters, digits, and every non-ASCII code unit (so non-Latin names are words, not separators). */
export function isWordChar(c: number): boolean {
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
export function nameWords(name: string, work?: RedactionWork): string[] {
  if (work !== undefined) work.steps += name.length + 1;
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

/**
 * `raw` with its ASCII percent-escapes decoded until none is left, so `acc%65ss_token` and
 * `tok%2565n` are compared as `access_token` and `token`; null when escapes remain after
 * MAX_NAME_DECODINGS rounds. Other escapes stay as they are: the listed names are ASCII. "+" needs
 * no decoding: like a space, it separates words. Never throws.
 */
export function nameDecoded(raw: string, work: RedactionWork): string | null {
  let name = raw;
  for (let round = 0; round < MAX_NAME_DECODINGS; round++) {
    const next = decodeOnce(name, work);
    if (next === name) return name;
    name = next;
  }
  return decodeOnce(name, work) === name ? name : null;
}
