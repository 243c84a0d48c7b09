/** A 128-entry table: 1 where an ASCII character may stay as is, 0 where it must be percent-encoded. */
export type KeepTable = Uint8Array;

/** Builds a keep table from inclusive [from, to] code ranges, minus the listed characters. */
export function keepTable(ranges: readonly (readonly [number, number])[], except = ''): KeepTable {
  const table = new Uint8Array(128);
  for (const [from, to] of ranges) {
    for (let c = from; c <= to; c++) table[c] = 1;
  }
  for (const ch of except) table[ch.charCodeAt(0)] = 0;
  return table;
}

const REPLACEMENT_CHARACTER = 0xfffd;
const UPPER_HEX = '0123456789ABCDEF';

function percentByte(byte: number): string {
  return '%' + (UPPER_HEX[byte >> 4] ?? '0') + (UPPER_HEX[byte & 0x0f] ?? '0');
}

/** Percent-encoded UTF-8 of one code point. */
function percentCodePoint(cp: number): string {
  if (cp < 0x80) return percentByte(cp);
  if (cp < 0x800) return percentByte(0xc0 | (cp >> 6)) + percentByte(0x80 | (cp & 0x3f));
  if (cp < 0x10000) {
    return (
      percentByte(0xe0 | (cp >> 12)) +
      percentByte(0x80 | ((cp >> 6) & 0x3f)) +
      percentByte(0x80 | (cp & 0x3f))
    );
  }
  return (
    percentByte(0xf0 | (cp >> 18)) +
    percentByte(0x80 | ((cp >> 12) & 0x3f)) +
    percentByte(0x80 | ((cp >> 6) & 0x3f)) +
    percentByte(0x80 | (cp & 0x3f))
  );
}

/**
 * RFC 3986 §2.1 percent-encoding of the UTF-8 bytes of `s`, keeping characters the table allows.
 * Unpaired surrogates are encoded as U+FFFD (as TextEncoder does) instead of throwing like
 * encodeURIComponent.
 */
export function percentEncodeUtf8(s: string, keep: KeepTable): string {
  let i = 0;
  // Fast path: most values need no encoding at all.
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c >= 128 || keep[c] !== 1) break;
    i++;
  }
  if (i === s.length) return s;
  let out = s.slice(0, i);
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) {
      out += keep[c] === 1 ? s.charAt(i) : percentByte(c);
      continue;
    }
    let cp = c;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        cp = REPLACEMENT_CHARACTER;
      }
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      cp = REPLACEMENT_CHARACTER;
    }
    out += percentCodePoint(cp);
  }
  return out;
}

/** Number of bytes in the UTF-8 encoding of `s` (unpaired surrogates count as U+FFFD, 3 bytes). */
export function utf8ByteLength(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** `%XX` escapes become bytes, every other character its own code unit as a byte (input is ASCII). */
function toBytes(s: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25 && i + 2 < s.length) {
      const hi = hexDigit(s.charCodeAt(i + 1));
      const lo = hexDigit(s.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        bytes.push((hi << 4) | lo);
        i += 2;
        continue;
      }
    }
    // A '%' that starts no escape is itself a baggage-octet and stays literal.
    bytes.push(c & 0xff);
  }
  return bytes;
}

/**
 * WHATWG Encoding §4 "UTF-8 decode" with replacement: each maximal invalid subpart becomes U+FFFD,
 * which W3C Baggage §3.2.1.3 requires for percent-encoded octets that are not UTF-8.
 */
function decodeUtf8(bytes: readonly number[]): string {
  const units: number[] = [];
  let needed = 0;
  let seen = 0;
  let cp = 0;
  let lower = 0x80;
  let upper = 0xbf;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    if (needed === 0) {
      if (byte <= 0x7f) units.push(byte);
      else if (byte >= 0xc2 && byte <= 0xdf) {
        needed = 1;
        cp = byte & 0x1f;
      } else if (byte >= 0xe0 && byte <= 0xef) {
        if (byte === 0xe0) lower = 0xa0;
        if (byte === 0xed) upper = 0x9f;
        needed = 2;
        cp = byte & 0x0f;
      } else if (byte >= 0xf0 && byte <= 0xf4) {
        if (byte === 0xf0) lower = 0x90;
        if (byte === 0xf4) upper = 0x8f;
        needed = 3;
        cp = byte & 0x07;
      } else units.push(REPLACEMENT_CHARACTER);
      continue;
    }
    if (byte < lower || byte > upper) {
      cp = needed = seen = 0;
      lower = 0x80;
      upper = 0xbf;
      units.push(REPLACEMENT_CHARACTER);
      i--; // the byte may start the next sequence: look at it again
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    cp = (cp << 6) | (byte & 0x3f);
    seen++;
    if (seen === needed) {
      if (cp >= 0x10000) {
        units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
      } else units.push(cp);
      cp = needed = seen = 0;
    }
  }
  if (needed !== 0) units.push(REPLACEMENT_CHARACTER);
  let out = '';
  for (let i = 0; i < units.length; i += 4096) {
    out += String.fromCharCode(...units.slice(i, i + 4096));
  }
  return out;
}

/** Decodes `%XX` escapes as UTF-8 (invalid sequences become U+FFFD); never throws. ASCII input. */
export function percentDecodeUtf8(s: string): string {
  return s.includes('%') ? decodeUtf8(toBytes(s)) : s;
}

/** decodeURIComponent that returns null instead of throwing on a malformed escape. */
export function decodeUriComponentOrNull(s: string): string | null {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
