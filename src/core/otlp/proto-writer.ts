/**
 * A minimal protobuf writer: sizes are computed first, so each length-delimited field gets its
 * exact length prefix and the whole message is written once into one buffer, without shifting.
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

/** UTF-8 byte length of `s`, with U+FFFD (3 bytes) for a lone surrogate, as TextEncoder writes it. */
export function utf8Size(s: string): number {
  let size = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) size += 1;
    else if (c < 0x800) size += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        size += 4;
        i++;
      } else size += 3;
    } else size += 3;
  }
  return size;
}

/** Field key: field number and wire type (0 varint, 1 fixed64, 2 length-delimited, 5 fixed32). */
export function keySize(no: number): number {
  return varintSize(no * 8);
}

/** A length-delimited field of `length` bytes, key and prefix included. */
export function delimitedSize(no: number, length: number): number {
  return keySize(no) + varintSize(length) + length;
}

const encoder = new TextEncoder();

export class ProtoWriter {
  readonly bytes: Uint8Array;
  #view: DataView;
  #at = 0;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.#view = new DataView(this.bytes.buffer);
  }

  get length(): number {
    return this.#at;
  }

  varint(value: number): void {
    while (value >= 0x80) {
      this.bytes[this.#at++] = (value % 128) | 0x80;
      value = Math.floor(value / 128);
    }
    this.bytes[this.#at++] = value;
  }

  key(no: number, wire: 0 | 1 | 2 | 5): void {
    this.varint(no * 8 + wire);
  }

  /** A length-delimited field's key and length; the caller writes the `length` bytes next. */
  delimited(no: number, length: number): void {
    this.key(no, 2);
    this.varint(length);
  }

  string(no: number, value: string, size = utf8Size(value)): void {
    this.delimited(no, size);
    const { written } = encoder.encodeInto(value, this.bytes.subarray(this.#at, this.#at + size));
    this.#at += written;
  }

  /** `hex` (even length, 0-9a-f) as a bytes field. */
  hexBytes(no: number, hex: string): void {
    this.delimited(no, hex.length / 2);
    for (let i = 0; i < hex.length; i += 2) {
      this.bytes[this.#at++] = Number.parseInt(hex.slice(i, i + 2), 16);
    }
  }

  fixed64(no: number, value: bigint): void {
    this.key(no, 1);
    this.#view.setBigUint64(this.#at, value, true);
    this.#at += 8;
  }

  double(no: number, value: number): void {
    this.key(no, 1);
    this.#view.setFloat64(this.#at, value, true);
    this.#at += 8;
  }

  /** int64 as a varint: negative values take ten bytes, two's complement. */
  int64(no: number, value: bigint): void {
    this.key(no, 0);
    let v = BigInt.asUintN(64, value);
    while (v >= 0x80n) {
      this.bytes[this.#at++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.bytes[this.#at++] = Number(v);
  }
}

/** Bytes an int64 varint takes. */
export function int64Size(value: bigint): number {
  let v = BigInt.asUintN(64, value);
  let size = 1;
  while (v >= 0x80n) {
    v >>= 7n;
    size++;
  }
  return size;
}
