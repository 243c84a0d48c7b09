// fast-check generators shared by the propagation tests.
import fc from 'fast-check';
import type {
  BaggageEntry,
  RandomSource,
  SpanContext,
  TraceState,
} from '../../../src/core/propagation/index';

const HEX_DIGITS = '0123456789abcdef';

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function nonZeroHex(bytes: number): fc.Arbitrary<string> {
  return fc
    .uint8Array({ minLength: bytes, maxLength: bytes })
    .map(toHex)
    .filter((hex) => /[^0]/.test(hex));
}

export const traceIdArb = nonZeroHex(16);
export const spanIdArb = nonZeroHex(8);
export const flagsArb = fc.integer({ min: 0, max: 255 });

export const spanContextArb: fc.Arbitrary<SpanContext> = fc.record({
  traceId: traceIdArb,
  spanId: spanIdArb,
  traceFlags: flagsArb,
});

/** Strings over `chars`, e.g. the alphabet of a header format, to reach deep parser paths. */
export function stringOf(chars: string, maxLength = 80): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...Array.from(chars)), maxLength });
}

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnitArb = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/**
 * Hostile input: arbitrary code points, arbitrary code units (broken surrogates), control
 * characters, and strings over the format's own alphabet (plus a valid example, cut and spliced).
 */
export function hostileString(alphabet: string, examples: readonly string[]): fc.Arbitrary<string> {
  const spliced = fc
    .tuple(fc.constantFrom(...examples), fc.nat(), fc.nat(), stringOf(alphabet, 8))
    .map(([example, at, cut, insert]) => {
      const i = at % (example.length + 1);
      return example.slice(0, i) + insert + example.slice(i + (cut % 4));
    });
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength: 120 }),
    fc.string({ unit: codeUnitArb, maxLength: 80 }),
    fc.string({ unit: 'binary-ascii', maxLength: 120 }),
    stringOf(alphabet, 120),
    spliced,
  );
}

export const HEXISH = HEX_DIGITS + 'ABCDEFxg0-: \t,;=%';

// --- tracestate ---

const KEY_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789_-*/';
const LCALPHA = 'abcdefghijklmnopqrstuvwxyz';

function keyPart(first: string, maxRest: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...Array.from(first)), stringOf(KEY_CHARS, maxRest))
    .map(([head, rest]) => head + rest);
}

export const tracestateKeyArb: fc.Arbitrary<string> = fc.oneof(
  keyPart(LCALPHA, 20),
  fc.tuple(keyPart(LCALPHA + '0123456789', 12), keyPart(LCALPHA, 13)).map(([t, s]) => `${t}@${s}`),
  keyPart(LCALPHA, 255).map((k) => k.slice(0, 256)),
);

const VALUE_CHARS = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i))
  .filter((c) => c !== ',' && c !== '=')
  .join('');

export const tracestateValueArb: fc.Arbitrary<string> = fc
  .tuple(stringOf(VALUE_CHARS, 30), fc.constantFrom(...Array.from(VALUE_CHARS.slice(1))))
  .map(([body, last]) => body + last);

/** A valid tracestate: unique keys, at most `maxMembers` members. */
export function traceStateArb(maxMembers = 32): fc.Arbitrary<TraceState> {
  return fc.uniqueArray(fc.tuple(tracestateKeyArb, tracestateValueArb), {
    maxLength: maxMembers,
    selector: ([key]) => key,
  });
}

// --- baggage ---

export const TCHARS =
  "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
/** Token characters encodeURIComponent leaves alone, for keys OpenTelemetry writes unchanged. */
export const URI_SAFE_TCHARS =
  "-_.!~*'0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

export function tokenArb(chars = TCHARS, maxLength = 16): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...Array.from(chars)), minLength: 1, maxLength });
}

const BAGGAGE_OCTET_CHARS = Array.from({ length: 0x7f - 0x21 }, (_, i) =>
  String.fromCharCode(0x21 + i),
)
  .filter((c) => !'",;\\'.includes(c))
  .join('');

/** A normalised property list as formatBaggage writes it: `k`, `k=v`, joined by ";". */
export const metadataArb: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(tokenArb(TCHARS, 8), fc.option(stringOf(BAGGAGE_OCTET_CHARS, 10), { nil: undefined })),
    { minLength: 1, maxLength: 3 },
  )
  .map((props) => props.map(([k, v]) => (v === undefined ? k : `${k}=${v}`)).join(';'));

/** Well-formed Unicode text (no lone surrogates): what a value can hold losslessly. */
export const unicodeValueArb = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 });

export function baggageEntryArb(
  keyChars = TCHARS,
  withMetadata = true,
): fc.Arbitrary<BaggageEntry> {
  return fc
    .tuple(
      tokenArb(keyChars),
      unicodeValueArb,
      withMetadata ? fc.option(metadataArb, { nil: undefined }) : fc.constant(undefined),
    )
    .map(([key, value, metadata]) =>
      metadata === undefined ? { key, value } : { key, value, metadata },
    );
}

/** Entries with unique keys, few and small enough to stay inside every limit involved. */
export function baggageArb(keyChars = TCHARS, withMetadata = true): fc.Arbitrary<BaggageEntry[]> {
  return fc.uniqueArray(baggageEntryArb(keyChars, withMetadata), {
    maxLength: 12,
    selector: (e) => e.key,
  });
}

/** A request-header getter over `[name, value]` pairs; repeated names give several lines. */
export function getterOf(headers: readonly (readonly [string, string])[]) {
  const byName = new Map<string, string[]>();
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), value]);
  }
  return (name: string): string | readonly string[] | undefined => {
    const values = byName.get(name);
    if (values === undefined) return undefined;
    return values.length === 1 ? values[0] : values;
  };
}

/** A deterministic random source (mulberry32) for tests that need many well-spread ids. */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return (out) => {
    for (let i = 0; i < out.length; i++) {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      out[i] = (t ^ (t >>> 14)) & 0xff;
    }
  };
}
