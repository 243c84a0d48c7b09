/**
 * The scanner behind redaction. It finds the ranges of a URL (or of a header value) that hold
 * secrets and reports them to a sink in increasing order; the caller copies everything else byte
 * for byte. Every loop moves forward only, and a value is looked into (decoded once, then scanned
 * like a URL) at most MAX_VALUE_DEPTH levels deep, so the work is linear in the text's length
 * (RedactionWork counts it). Hand-written rather than `URL`, which would re-encode what it copies.
 */
import { decodeWithMap, hasAsciiEscape } from './percent-map';
import {
  MAX_VALUE_DEPTH,
  REDACTED,
  REDACTED_USERINFO,
  type Level,
  type PairSyntax,
} from './redact-level';
import { isSensitiveParam } from './sensitive-params';
import { splitUrl } from './url-parts';

const AMPERSAND = 0x26;
const SEMICOLON = 0x3b;
const COMMA = 0x2c;
const EQUALS = 0x3d;
const AT = 0x40;
const QUESTION = 0x3f;
const SLASH = 0x2f;
const SPACE = 0x20;
const TAB = 0x09;

function isSeparator(c: number, syntax: PairSyntax): boolean {
  return c === SEMICOLON || c === (syntax === 'url' ? AMPERSAND : COMMA);
}

/** True when [from, to) holds "=" or "@" (a pair or userinfo may be inside), or an ASCII escape. */
function mayHideSecret(level: Level, from: number, to: number): boolean {
  const { text, work } = level;
  for (let i = from; i < to; i++) {
    work.steps++;
    const c = text.charCodeAt(i);
    if (c === EQUALS || c === AT) return true;
  }
  return hasAsciiEscape(text, from, to, work);
}

/**
 * A value, [from, to): decoded once and scanned as text for secrets inside, down to MAX_VALUE_DEPTH.
 * A value that runs into the cut of a text cut short is replaced whole: what follows the cut could
 * be anything, the rest of a password included.
 */
export function scanValue(level: Level, from: number, to: number): void {
  if (level.open && to === level.text.length) {
    if (to > from) level.sink(from, to, REDACTED);
    return;
  }
  if (!mayHideSecret(level, from, to)) return;
  if (level.depth >= MAX_VALUE_DEPTH) {
    level.sink(from, to, REDACTED);
    return;
  }
  const { text, starts } = decodeWithMap(level.text, from, to, level.work);
  scanText({
    ...level,
    text,
    depth: level.depth + 1,
    open: false,
    sink: (a, b, replacement) => {
      level.work.steps++;
      level.sink(from + (starts[a] ?? 0), from + (starts[b] ?? 0), replacement);
    },
  });
}

function isOws(c: number): boolean {
  return c === SPACE || c === TAB;
}

/**
 * One `name=value` pair, "=" at `eq`: the value (OWS trimmed) is replaced or looked into. A value
 * that is empty or only "=" is no secret: that is what base64 padding (`abc==`) reads as.
 */
function scanPair(level: Level, start: number, eq: number, end: number): void {
  const { text, work } = level;
  let from = eq + 1;
  let to = end;
  while (from < to && isOws(text.charCodeAt(from))) from++;
  while (to > from && isOws(text.charCodeAt(to - 1))) to--;
  let padding = from;
  while (padding < to && text.charCodeAt(padding) === EQUALS) padding++;
  // Trimming, the padding check and the name's slice visit each character of the pair at most once.
  work.steps += 2 * (end - start) + 1;
  if (padding === to) return;
  const cut = level.open && end === text.length;
  if (cut || isSensitiveParam(text.slice(start, eq), level.sensitive, work)) {
    level.sink(from, to, REDACTED);
  } else {
    scanValue(level, from, to);
  }
}

/**
 * A piece without "=" inside a value: still-encoded text such as `https%3A%2F%2Fx%3Ftoken%3D1`
 * (a URL encoded twice) is looked into once more; anything else holds no pair.
 */
function scanPiece(level: Level, from: number, to: number): void {
  if (level.depth > 0 && hasAsciiEscape(level.text, from, to, level.work)) {
    scanValue(level, from, to);
  }
}

/** The pairs in [from, to); a pair's name runs to its first "=". */
export function scanPairs(level: Level, from: number, to: number, syntax: PairSyntax): void {
  const { text, work } = level;
  let start = from;
  let eq = -1;
  for (let i = from; i <= to; i++) {
    work.steps++;
    const c = i < to ? text.charCodeAt(i) : -1;
    if (c === EQUALS) {
      if (eq < 0) eq = i;
      continue;
    }
    if (c >= 0 && !isSeparator(c, syntax)) continue;
    if (eq >= 0) scanPair(level, start, eq, i);
    else scanPiece(level, start, i);
    start = i + 1;
    eq = -1;
  }
}

/** Matrix parameters in path segments, `/cart;jsessionid=…/items`: after a segment's first ";". */
function scanMatrixParams(level: Level, from: number, to: number): void {
  const { text, work } = level;
  let i = from;
  while (i < to) {
    work.steps++;
    if (text.charCodeAt(i) !== SEMICOLON) {
      i++;
      continue;
    }
    let end = i + 1;
    for (; end < to && text.charCodeAt(end) !== SLASH; end++) work.steps++;
    scanPairs(level, i + 1, end, 'url');
    i = end;
  }
}

/**
 * A fragment's parameters: the whole fragment when it starts as `name=value` pairs (OAuth implicit
 * flow, `#access_token=…&state=…`), else after a "?" in it (hash routers, `#/login?token=…`).
 */
function scanFragment(level: Level, hash: number): void {
  const { text, work } = level;
  for (let i = hash + 1; i < text.length; i++) {
    work.steps++;
    const c = text.charCodeAt(i);
    if (c === EQUALS) {
      scanPairs(level, hash + 1, text.length, 'url');
      return;
    }
    if (c === QUESTION) {
      scanPairs(level, i + 1, text.length, 'url');
      return;
    }
  }
}

/**
 * Userinfo, up to the authority's last "@" (as WHATWG URL reads it), becomes REDACTED:REDACTED.
 * An authority cut short may have its "@" past the cut, so all of it is replaced.
 */
function scanUserinfo(level: Level, from: number, to: number): void {
  if (level.open && to === level.text.length) {
    if (to > from) level.sink(from, to, REDACTED);
    return;
  }
  let at = -1;
  for (let i = from; i < to; i++) {
    level.work.steps++;
    if (level.text.charCodeAt(i) === AT) at = i;
  }
  if (at > from) level.sink(from, at, REDACTED_USERINFO);
}

/**
 * A URL, or text found in a value: userinfo, path matrix parameters, the query and the fragment.
 * In a value, text without an authority (`a=1&token=2`, `/cb;sid=1`) is read as pairs throughout.
 */
export function scanText(level: Level): void {
  const parts = splitUrl(level.text, level.work);
  if (parts.authorityStart >= 0) scanUserinfo(level, parts.authorityStart, parts.authorityEnd);
  if (level.depth > 0 && parts.authorityStart < 0) {
    scanPairs(level, parts.pathStart, parts.pathEnd, 'url');
  } else {
    scanMatrixParams(level, parts.pathStart, parts.pathEnd);
  }
  if (parts.queryStart >= 0) {
    const end = parts.fragmentStart >= 0 ? parts.fragmentStart : level.text.length;
    scanPairs(level, parts.queryStart + 1, end, 'url');
  }
  if (parts.fragmentStart >= 0) scanFragment(level, parts.fragmentStart);
}
