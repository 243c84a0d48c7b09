/** Lowercase hex of every byte value: one table lookup per byte instead of toString(16) + padStart. */
export const HEX_BYTE: readonly string[] = Array.from(
  { length: 256 },
  (_, byte) => (byte < 16 ? '0' : '') + byte.toString(16),
);

const DIGITS = '0123456789abcdef';
/** Char codes of the high and low hex digit of each byte, for String.fromCharCode. */
const HIGH = new Uint8Array(256);
const LOW = new Uint8Array(256);
for (let byte = 0; byte < 256; byte++) {
  HIGH[byte] = DIGITS.charCodeAt(byte >> 4);
  LOW[byte] = DIGITS.charCodeAt(byte & 0x0f);
}

/**
 * Lowercase hex of the 16 bytes at `offset`. One String.fromCharCode call builds a flat string: several
 * times faster than concatenating per-byte strings, which V8 must then flatten before reading them.
 */
export function hex16Bytes(bytes: Uint8Array, offset: number): string {
  const b0 = bytes[offset] ?? 0;
  const b1 = bytes[offset + 1] ?? 0;
  const b2 = bytes[offset + 2] ?? 0;
  const b3 = bytes[offset + 3] ?? 0;
  const b4 = bytes[offset + 4] ?? 0;
  const b5 = bytes[offset + 5] ?? 0;
  const b6 = bytes[offset + 6] ?? 0;
  const b7 = bytes[offset + 7] ?? 0;
  const b8 = bytes[offset + 8] ?? 0;
  const b9 = bytes[offset + 9] ?? 0;
  const b10 = bytes[offset + 10] ?? 0;
  const b11 = bytes[offset + 11] ?? 0;
  const b12 = bytes[offset + 12] ?? 0;
  const b13 = bytes[offset + 13] ?? 0;
  const b14 = bytes[offset + 14] ?? 0;
  const b15 = bytes[offset + 15] ?? 0;
  return String.fromCharCode(
    HIGH[b0] ?? 0,
    LOW[b0] ?? 0,
    HIGH[b1] ?? 0,
    LOW[b1] ?? 0,
    HIGH[b2] ?? 0,
    LOW[b2] ?? 0,
    HIGH[b3] ?? 0,
    LOW[b3] ?? 0,
    HIGH[b4] ?? 0,
    LOW[b4] ?? 0,
    HIGH[b5] ?? 0,
    LOW[b5] ?? 0,
    HIGH[b6] ?? 0,
    LOW[b6] ?? 0,
    HIGH[b7] ?? 0,
    LOW[b7] ?? 0,
    HIGH[b8] ?? 0,
    LOW[b8] ?? 0,
    HIGH[b9] ?? 0,
    LOW[b9] ?? 0,
    HIGH[b10] ?? 0,
    LOW[b10] ?? 0,
    HIGH[b11] ?? 0,
    LOW[b11] ?? 0,
    HIGH[b12] ?? 0,
    LOW[b12] ?? 0,
    HIGH[b13] ?? 0,
    LOW[b13] ?? 0,
    HIGH[b14] ?? 0,
    LOW[b14] ?? 0,
    HIGH[b15] ?? 0,
    LOW[b15] ?? 0,
  );
}

/** Lowercase hex of the 8 bytes at `offset`, built like hex16Bytes. */
export function hex8Bytes(bytes: Uint8Array, offset: number): string {
  const b0 = bytes[offset] ?? 0;
  const b1 = bytes[offset + 1] ?? 0;
  const b2 = bytes[offset + 2] ?? 0;
  const b3 = bytes[offset + 3] ?? 0;
  const b4 = bytes[offset + 4] ?? 0;
  const b5 = bytes[offset + 5] ?? 0;
  const b6 = bytes[offset + 6] ?? 0;
  const b7 = bytes[offset + 7] ?? 0;
  return String.fromCharCode(
    HIGH[b0] ?? 0,
    LOW[b0] ?? 0,
    HIGH[b1] ?? 0,
    LOW[b1] ?? 0,
    HIGH[b2] ?? 0,
    LOW[b2] ?? 0,
    HIGH[b3] ?? 0,
    LOW[b3] ?? 0,
    HIGH[b4] ?? 0,
    LOW[b4] ?? 0,
    HIGH[b5] ?? 0,
    LOW[b5] ?? 0,
    HIGH[b6] ?? 0,
    LOW[b6] ?? 0,
    HIGH[b7] ?? 0,
    LOW[b7] ?? 0,
  );
}

/** Two lowercase hex digits for the low byte of `n` (trace-flags, Jaeger flags). */
export function hexByte(n: number): string {
  return HEX_BYTE[n & 0xff] ?? '00';
}

/** True when `s[from..to)` is lowercase hex only (the W3C and B3 id alphabet). */
export function isLowerHex(s: string, from: number, to: number): boolean {
  if (to > s.length) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    // '0'-'9' or 'a'-'f'
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/** True when `s[from..to)` is hex of either case (Jaeger ids are "base16", case not specified). */
export function isHex(s: string, from: number, to: number): boolean {
  if (to > s.length) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46))) {
      return false;
    }
  }
  return true;
}

/** True when every character of `s` is '0': an all-zero id is invalid in every format here. */
export function isAllZeros(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) !== 0x30) return false;
  }
  return true;
}
