/**
 * A minimal protobuf writer, in one pass: a length-delimited field reserves its length prefix
 * (one byte unless told otherwise), its content is written behind it, and `end` fills the prefix in,
 * moving the content when the length needs more bytes than were reserved. Most OTLP messages
 * (attributes, values, events) are under 128 bytes, so almost nothing moves; a separate sizing
 * pass, which measured every string twice, cost more than the moves.
 */

/** Bytes a varint of `value` takes (value a non-negative safe integer). */
export function varintSize(value: number): number {
  let size = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
}

const encoder = new TextEncoder();

/** Longest string (UTF-16 units) written by hand rather than by TextEncoder. */
const SHORT_STRING = 42;
const TWO_32 = 2 ** 32;
const TWO_16 = 2 ** 16;

/** A non-negative decimal of at most 15 digits as a number (exact), else null (BigInt's work). */
function smallInt(decimal: string): number | null {
  return decimal.length <= 15 && decimal.charCodeAt(0) !== 0x2d ? Number(decimal) : null;
}

/** 0-9a-f as its value (the caller has checked the characters). */
function nibble(c: number): number {
  return c <= 0x39 ? c - 0x30 : c - 0x57;
}

/**
 * The low and high 32-bit words of a decimal uint64, exactly and without BigInt (which parses
 * slower than the two Numbers here): value = hi·10^9 + lo, with hi split in 16-bit halves so every
 * product stays below 2^53.
 */
export function uint64Words(decimal: string): [low: number, high: number] {
  const cut = decimal.length - 9;
  const lo = cut > 0 ? Number(decimal.slice(cut)) : Number(decimal);
  const hi = cut > 0 ? Number(decimal.slice(0, cut)) : 0;
  const h0 = hi % TWO_16;
  const m = Math.floor(hi / TWO_16) * 1e9; // the part of hi·10^9 that sits above bit 16
  const t = (m % TWO_16) * TWO_16 + h0 * 1e9 + lo;
  return [t % TWO_32, Math.floor(m / TWO_16) + Math.floor(t / TWO_32)];
}

/**
 * Writes `s` as UTF-8 at `at` and returns the end, with U+FFFD for a lone surrogate as TextEncoder
 * writes it. The caller has made room for 3 bytes per UTF-16 unit.
 */
function writeUtf8(bytes: Uint8Array, at: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      bytes[at++] = c;
      continue;
    }
    if (c < 0x800) {
      bytes[at++] = 0xc0 | (c >> 6);
      bytes[at++] = 0x80 | (c & 0x3f);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        bytes[at++] = 0xf0 | (c >> 18);
        bytes[at++] = 0x80 | ((c >> 12) & 0x3f);
        bytes[at++] = 0x80 | ((c >> 6) & 0x3f);
        bytes[at++] = 0x80 | (c & 0x3f);
        continue;
      }
      c = 0xfffd;
    }
    bytes[at++] = 0xe0 | (c >> 12);
    bytes[at++] = 0x80 | ((c >> 6) & 0x3f);
    bytes[at++] = 0x80 | (c & 0x3f);
  }
  return at;
}

export class ProtoWriter {
  #bytes: Uint8Array;
  #view: DataView;
  #at = 0;

  constructor(capacity = 4096) {
    this.#bytes = new Uint8Array(capacity);
    this.#view = new DataView(this.#bytes.buffer);
  }

  get length(): number {
    return this.#at;
  }

  /** The message written so far, in a buffer of its own. */
  finish(): Uint8Array {
    return this.#bytes.slice(0, this.#at);
  }

  /** Makes room for `n` more bytes. */
  #room(n: number): void {
    if (this.#at + n <= this.#bytes.length) return;
    const grown = new Uint8Array(Math.max(this.#bytes.length * 2, this.#at + n));
    grown.set(this.#bytes.subarray(0, this.#at));
    this.#bytes = grown;
    this.#view = new DataView(grown.buffer);
  }

  varint(value: number): void {
    this.#room(10);
    while (value >= 0x80) {
      this.#bytes[this.#at++] = (value % 128) | 0x80;
      value = Math.floor(value / 128);
    }
    this.#bytes[this.#at++] = value;
  }

  key(no: number, wire: 0 | 1 | 2 | 5): void {
    this.varint(no * 8 + wire);
  }

  /**
   * Starts a length-delimited field with `reserve` bytes for its length; returns the mark that
   * `end` takes once the content is written.
   */
  begin(no: number, reserve = 1): number {
    this.key(no, 2);
    this.#room(reserve);
    const mark = this.#at * 8 + reserve;
    this.#at += reserve;
    return mark;
  }

  /** Ends the field `begin` returned `mark` for: writes its length, moving the content if needed. */
  end(mark: number): void {
    const reserve = mark % 8;
    const slot = (mark - reserve) / 8;
    const start = slot + reserve;
    const length = this.#at - start;
    const needed = varintSize(length);
    if (needed !== reserve) {
      this.#room(needed - reserve);
      this.#bytes.copyWithin(slot + needed, start, this.#at);
      this.#at += needed - reserve;
    }
    let at = slot;
    let value = length;
    while (value >= 0x80) {
      this.#bytes[at++] = (value % 128) | 0x80;
      value = Math.floor(value / 128);
    }
    this.#bytes[at] = value;
  }

  string(no: number, value: string): void {
    // Room for the worst case, 3 bytes per UTF-16 unit; short strings (keys, methods, routes) are
    // copied by hand, which is faster than a subarray for encodeInto.
    this.#room(3 * value.length + 6);
    const mark = this.begin(no, value.length < 43 ? 1 : varintSize(value.length));
    if (value.length <= SHORT_STRING) this.#at = writeUtf8(this.#bytes, this.#at, value);
    else this.#at += encoder.encodeInto(value, this.#bytes.subarray(this.#at)).written;
    this.end(mark);
  }

  /** `hex` (even length, 0-9a-f) as a bytes field. */
  hexBytes(no: number, hex: string): void {
    this.key(no, 2);
    this.varint(hex.length / 2);
    this.#room(hex.length / 2);
    for (let i = 0; i < hex.length; i += 2) {
      this.#bytes[this.#at++] = (nibble(hex.charCodeAt(i)) << 4) | nibble(hex.charCodeAt(i + 1));
    }
  }

  /** `decimal`: a fixed64 as a decimal string (OTLP/JSON's form), at most 20 digits, within 2^64. */
  fixed64(no: number, decimal: string): void {
    this.key(no, 1);
    this.#room(8);
    const [low, high] = uint64Words(decimal);
    this.#view.setUint32(this.#at, low, true);
    this.#view.setUint32(this.#at + 4, high, true);
    this.#at += 8;
  }

  double(no: number, value: number): void {
    this.key(no, 1);
    this.#room(8);
    this.#view.setFloat64(this.#at, value, true);
    this.#at += 8;
  }

  /** int64 (a decimal string) as a varint: negative values take ten bytes, two's complement. */
  int64(no: number, decimal: string): void {
    this.key(no, 0);
    const small = smallInt(decimal);
    if (small !== null) {
      this.varint(small);
      return;
    }
    this.#room(10);
    let v = BigInt.asUintN(64, BigInt(decimal));
    while (v >= 0x80n) {
      this.#bytes[this.#at++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.#bytes[this.#at++] = Number(v);
  }
}
