/**
 * Just enough protobuf reading for the two messages an OTLP/HTTP backend answers with:
 * ExportTraceServiceResponse and google.rpc.Status. Untrusted bytes: every read is bounded and a
 * malformed message yields null, never an exception or a loop.
 */

/** One field as read: a varint (as a number, exact up to 2^53) or a length-delimited slice. */
type Field =
  | { readonly no: number; readonly kind: 'varint'; readonly value: number }
  | { readonly no: number; readonly kind: 'bytes'; readonly value: Uint8Array };

const MAX_VARINT_BYTES = 10;

function readVarint(bytes: Uint8Array, at: number): [value: number, next: number] | null {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < MAX_VARINT_BYTES; i++) {
    const byte = bytes[at + i];
    if (byte === undefined) return null;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if (byte < 0x80) return [value, at + i + 1];
  }
  return null;
}

/** The fields of one message, in order; null when the bytes are not a well-formed message. */
export function readFields(bytes: Uint8Array): Field[] | null {
  const fields: Field[] = [];
  let at = 0;
  while (at < bytes.length) {
    const key = readVarint(bytes, at);
    if (key === null) return null;
    const [tag, afterKey] = key;
    const no = Math.floor(tag / 8);
    const wire = tag % 8;
    if (no === 0) return null;
    if (wire === 0) {
      const varint = readVarint(bytes, afterKey);
      if (varint === null) return null;
      fields.push({ no, kind: 'varint', value: varint[0] });
      at = varint[1];
    } else if (wire === 2) {
      const length = readVarint(bytes, afterKey);
      if (length === null) return null;
      const end = length[1] + length[0];
      if (end > bytes.length) return null;
      fields.push({ no, kind: 'bytes', value: bytes.subarray(length[1], end) });
      at = end;
    } else if (wire === 1 || wire === 5) {
      at = afterKey + (wire === 1 ? 8 : 4); // fixed64 / fixed32: skipped
      if (at > bytes.length) return null;
    } else {
      return null; // groups (3, 4) and unknown wire types
    }
  }
  return fields;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/** The last occurrence of a string field (protobuf's rule for repeated scalars). */
export function stringField(fields: readonly Field[], no: number): string | undefined {
  let found: string | undefined;
  for (const field of fields) {
    if (field.no === no && field.kind === 'bytes') found = decoder.decode(field.value);
  }
  return found;
}

export function varintField(fields: readonly Field[], no: number): number | undefined {
  let found: number | undefined;
  for (const field of fields) if (field.no === no && field.kind === 'varint') found = field.value;
  return found;
}

export function messageField(fields: readonly Field[], no: number): Field[] | null | undefined {
  let found: Uint8Array | undefined;
  for (const field of fields) if (field.no === no && field.kind === 'bytes') found = field.value;
  return found === undefined ? undefined : readFields(found);
}
