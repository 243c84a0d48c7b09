/**
 * Where the parts of a URL are, as indices into the string, so that callers can rewrite one part
 * and copy the rest byte for byte. Hand-written because `URL` would re-encode what it returns, and
 * because redaction splits text that is not a valid URL; the split follows WHATWG URL's delimiters
 * without validating. A few forward scans: linear in the length.
 */
import type { RedactionWork } from './redaction-work';

export interface UrlParts {
  /** Lowercase scheme without ":", or '' when the string has none (a relative reference). */
  readonly scheme: string;
  /** Authority (userinfo, host, port) after "//": [authorityStart, authorityEnd), or -1, -1. */
  readonly authorityStart: number;
  readonly authorityEnd: number;
  /** Path: [pathStart, pathEnd), possibly empty. */
  readonly pathStart: number;
  readonly pathEnd: number;
  /** Index of "?" or -1; the query runs to fragmentStart (or the end). */
  readonly queryStart: number;
  /** Index of "#" or -1; the fragment runs to the end. */
  readonly fragmentStart: number;
}

const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const QUESTION = 0x3f;
const HASH = 0x23;
const COLON = 0x3a;

function isAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** RFC 3986 §3.1 scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ":". Returns the ":" index. */
function schemeEnd(url: string): number {
  if (!isAlpha(url.charCodeAt(0))) return -1;
  for (let i = 1; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === COLON) return i;
    const ok = isAlpha(c) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e;
    if (!ok) return -1;
  }
  return -1;
}

/** Splits `url` into its parts; every string has a split, so this never fails. `work` counts. */
export function splitUrl(url: string, work?: RedactionWork): UrlParts {
  const colon = schemeEnd(url);
  const scheme = colon < 0 ? '' : url.slice(0, colon).toLowerCase();
  // WHATWG URL: for http(s) a backslash ends the authority and separates path segments like "/".
  const special = scheme === 'http' || scheme === 'https';
  let i = colon + 1;
  let authorityStart = -1;
  let authorityEnd = -1;
  if (url.charCodeAt(i) === SLASH && url.charCodeAt(i + 1) === SLASH) {
    authorityStart = i + 2;
    i = authorityStart;
    for (; i < url.length; i++) {
      const c = url.charCodeAt(i);
      if (c === SLASH || c === QUESTION || c === HASH || (special && c === BACKSLASH)) break;
    }
    authorityEnd = i;
  }
  // One forward scan for the first "#" and the first "?" before it.
  let fragmentStart = -1;
  let queryStart = -1;
  for (let k = i; k < url.length; k++) {
    const c = url.charCodeAt(k);
    if (c === HASH) {
      fragmentStart = k;
      break;
    }
    if (c === QUESTION && queryStart < 0) queryStart = k;
  }
  const end = fragmentStart < 0 ? url.length : fragmentStart;
  // The scheme scan, then the authority and this scan, each visit a character at most once.
  if (work !== undefined) work.steps += 2 * url.length + 1;
  return {
    scheme,
    authorityStart,
    authorityEnd,
    pathStart: i,
    pathEnd: queryStart >= 0 ? queryStart : end,
    queryStart,
    fragmentStart,
  };
}

/** The path of `url` ("/" when empty, as browsers serialize an http(s) URL without one). */
export function urlPath(url: string): string {
  const parts = splitUrl(url);
  const path = url.slice(parts.pathStart, parts.pathEnd);
  return path === '' ? '/' : path;
}
