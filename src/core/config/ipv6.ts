/** Pieces of an IPv6 address: eight 16-bit numbers. */
const PIECES = 8;

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * WHATWG URL §3.5 IPv6 parser for the text between the brackets: fills `pieces` from an embedded
 * dotted IPv4 tail starting at `i`, or returns false when it is malformed.
 */
function parseIpv4Tail(s: string, start: number, pieces: number[], first: number): boolean {
  let i = start;
  let piece = first;
  if (piece > PIECES - 2) return false;
  let numbersSeen = 0;
  while (i < s.length) {
    if (numbersSeen > 0) {
      if (s.charCodeAt(i) !== 0x2e || numbersSeen >= 4) return false;
      i++;
    }
    if (i >= s.length || !isDigit(s.charCodeAt(i))) return false;
    let value = -1;
    while (i < s.length && isDigit(s.charCodeAt(i))) {
      const digit = s.charCodeAt(i) - 0x30;
      if (value === 0) return false; // a leading zero
      value = value < 0 ? digit : value * 10 + digit;
      if (value > 255) return false;
      i++;
    }
    pieces[piece] = (pieces[piece] ?? 0) * 0x100 + value;
    numbersSeen++;
    if (numbersSeen === 2 || numbersSeen === 4) piece++;
  }
  return numbersSeen === 4;
}

/** WHATWG URL §3.5 IPv6 parser, returning the eight pieces or null. */
function parsePieces(s: string): number[] | null {
  const pieces = [0, 0, 0, 0, 0, 0, 0, 0];
  let piece = 0;
  let compress = -1;
  let i = 0;
  if (s.charCodeAt(0) === 0x3a) {
    if (s.charCodeAt(1) !== 0x3a) return null;
    i = 2;
    piece = 1;
    compress = 1;
  }
  while (i < s.length) {
    if (piece === PIECES) return null;
    if (s.charCodeAt(i) === 0x3a) {
      if (compress !== -1) return null;
      i++;
      piece++;
      compress = piece;
      continue;
    }
    let value = 0;
    let length = 0;
    while (length < 4 && i < s.length && hexDigit(s.charCodeAt(i)) >= 0) {
      value = value * 16 + hexDigit(s.charCodeAt(i));
      i++;
      length++;
    }
    const c = s.charCodeAt(i);
    if (c === 0x2e) {
      if (length === 0 || !parseIpv4Tail(s, i - length, pieces, piece)) return null;
      piece += 2;
      break;
    }
    if (c === 0x3a) {
      i++;
      if (i >= s.length) return null;
    } else if (i < s.length) {
      return null;
    }
    pieces[piece] = value;
    piece++;
  }
  if (compress !== -1) {
    // Move the pieces after "::" to the end; the gap stays zero.
    let swaps = piece - compress;
    piece = PIECES - 1;
    while (piece !== 0 && swaps > 0) {
      const other = compress + swaps - 1;
      const kept = pieces[piece] ?? 0;
      pieces[piece] = pieces[other] ?? 0;
      pieces[other] = kept;
      piece--;
      swaps--;
    }
  } else if (piece !== PIECES) {
    return null;
  }
  return pieces;
}

/** WHATWG URL §3.7 IPv6 serializer: lowercase hex, the first longest run of 2+ zeros as "::". */
function serialize(pieces: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < PIECES;) {
    if (pieces[i] !== 0) {
      i++;
      continue;
    }
    let end = i;
    while (end < PIECES && pieces[end] === 0) end++;
    if (end - i > bestLength) {
      bestStart = i;
      bestLength = end - i;
    }
    i = end;
  }
  let out = '';
  for (let i = 0; i < PIECES; i++) {
    if (i === bestStart) {
      out += i === 0 ? '::' : ':';
      i += bestLength - 1;
      continue;
    }
    out += (pieces[i] ?? 0).toString(16) + (i < PIECES - 1 ? ':' : '');
  }
  return out;
}

/**
 * The canonical form browsers give an IPv6 host (the text between the brackets, no zone id), so
 * that `[0:0::1]` and `[::1]` compare equal, or null when it is not an IPv6 address.
 */
export function canonicalIpv6(s: string): string | null {
  if (s === '') return null;
  const pieces = parsePieces(s);
  return pieces === null ? null : serialize(pieces);
}
