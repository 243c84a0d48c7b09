/**
 * Before timing them, the encoder benchmark checks that ours and @opentelemetry/otlp-transformer's
 * serializers say the same about the same spans, so the race is over equal work: each body is
 * decoded (protobuf with the official protos) and compared as messages, where proto3 defaults,
 * int64 as number or string, and the SDK's span `flags` (ours has no flags to carry) do not count.
 */
import { isDeepStrictEqual } from 'node:util';
import { otlpProtos, protoType } from '../../test/support/otlp-protos';
import type { Format } from './encoder-timing';
import { benchMeta, encoderBatches, encoderTasks } from './encoder-timing';

const REQUEST_TYPE = 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest';
const ID_FIELDS = new Set(['traceId', 'spanId', 'parentSpanId']);
const DEFAULTS: readonly unknown[] = [0, '', '0'];

function normalize(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => normalize(v));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, raw] of Object.entries(value)) {
      // Inside AnyValue's oneof a default is a value (false, 0, ""), so those stay.
      const inOneof = k.endsWith('Value') && k !== 'value';
      const item = k === 'intValue' ? String(raw) : normalize(raw, k);
      if (k === 'flags' || item === undefined) continue;
      if (!inOneof && DEFAULTS.includes(item)) continue;
      if (Array.isArray(item) && item.length === 0) continue;
      if (k === 'status' && isDeepStrictEqual(item, {})) continue;
      out[k] = item;
    }
    return out;
  }
  return ID_FIELDS.has(key) && typeof value === 'string' ? value.toLowerCase() : value;
}

function decode(format: Format, bytes: Uint8Array): unknown {
  if (format === 'json') return JSON.parse(new TextDecoder().decode(bytes));
  const type = protoType(REQUEST_TYPE);
  const object = type.toObject(type.decode(bytes), { longs: String, enums: Number, bytes: String });
  // protobufjs gives bytes as base64; OTLP/JSON has ids in hex.
  const hex = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(hex)
      : typeof v === 'object' && v !== null
        ? Object.fromEntries(
            Object.entries(v).map(([k, x]) => [
              k,
              ID_FIELDS.has(k) && typeof x === 'string'
                ? Buffer.from(x, 'base64').toString('hex')
                : hex(x),
            ]),
          )
        : v;
  return hex(object);
}

/** Throws unless both sides encode every benchmark batch to the same message, in both formats. */
export function checkEquivalence(browser: Parameters<typeof benchMeta>[0]): void {
  otlpProtos().resolveAll();
  const batches = encoderBatches();
  const tasks = encoderTasks(batches, benchMeta(browser));
  for (const format of ['json', 'protobuf'] as const) {
    const ours = tasks.find((t) => t.format === format && t.side === 'ours');
    const theirs = tasks.find((t) => t.format === format && t.side === 'theirs');
    if (ours === undefined || theirs === undefined) throw new Error(`no ${format} encoders`);
    batches.forEach((_, i) => {
      const a = normalize(decode(format, ours.encode(i)));
      const b = normalize(decode(format, theirs.encode(i)));
      if (!isDeepStrictEqual(a, b)) {
        throw new Error(`${format}: ours and theirs differ on batch ${String(i)}`);
      }
    });
  }
}
