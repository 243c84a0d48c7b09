/** RFC 7230 §3.2.3 OWS: space or horizontal tab. */
export function isOws(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** Strips leading and trailing OWS (space and tab only, unlike String.prototype.trim). */
export function trimOws(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isOws(s.charCodeAt(start))) start++;
  while (end > start && isOws(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

// RFC 7230 §3.2.6 tchar: "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" /
// "|" / "~" / DIGIT / ALPHA.
const TCHAR = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~") TCHAR[c.charCodeAt(0)] = 1;
for (let c = 0x30; c <= 0x39; c++) TCHAR[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) TCHAR[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) TCHAR[c] = 1;

/** RFC 7230 §3.2.6 tchar. */
export function isTchar(c: number): boolean {
  return c < 128 && TCHAR[c] === 1;
}

/** RFC 7230 §3.2.6 token: one or more tchar. */
export function isToken(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    if (!isTchar(s.charCodeAt(i))) return false;
  }
  return true;
}

/**
 * Names the first character of `s` that fails `ok`, with its 1-based position in code points, for
 * messages a person reads, e.g. `space at 5`, `"," at 3`. Null when every character passes.
 */
export function describeFirstBad(s: string, ok: (codePoint: number) => boolean): string | null {
  let position = 0;
  for (const ch of s) {
    position++;
    const cp = ch.codePointAt(0) ?? 0;
    if (!ok(cp)) return `${describeChar(cp, ch)} at ${String(position)}`;
  }
  return null;
}

function describeChar(cp: number, ch: string): string {
  if (cp === 0x20) return 'space';
  if (cp === 0x09) return 'tab';
  if (cp < 0x20 || cp === 0x7f || (cp >= 0xd800 && cp <= 0xdfff)) {
    return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `"${ch}"`;
}
