/**
 * Hostile input for the fuzz properties (issue #13): junk values and broken strings (mutate.ts
 * breaks whole documents), and the checks every property makes of what a parser gives back.
 */
import fc from 'fast-check';
import { expect } from 'vitest';

/** Strings long enough to show a parser that is quadratic in its input, or copies it whole. */
const HUGE_STRINGS: readonly string[] = [
  'x'.repeat(70_000),
  '9'.repeat(400),
  '%'.repeat(9_000),
  'a=b,'.repeat(5_000),
  '\ud83d\ude00'.repeat(10_000),
];

/** One of the huge strings. */
export const hugeStringArb: fc.Arbitrary<string> = fc.constantFrom(...HUGE_STRINGS);

/** Values at the edges of what JSON can hold, and strings that mean something to a parser. */
const EDGE_JSON: readonly unknown[] = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\r\n',
  'é',
  '__proto__',
  'constructor',
  'toString',
  '-1',
  '1e400',
  'NaN',
  'null',
  'true',
  '0x10',
  '00',
  0,
  -1,
  1.5,
  1e21,
  1e308,
  -1e308,
  2 ** 53 + 2,
  Number.MIN_VALUE,
  true,
  false,
  null,
  [],
  {},
  [null],
  [[[[]]]],
];

/** Junk that survives JSON.stringify, for documents that are imported as text. */
export const junkJsonArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_JSON) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: hugeStringArb },
);

/**
 * Any value a structured clone carries: what storage or a message can hand a parser. (Boxed
 * primitives are left out: a clone drops their own properties, so none arrives with them.)
 */
export const junkArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: junkJsonArb },
  {
    weight: 2,
    arbitrary: fc.anything({
      maxDepth: 2,
      withNullPrototype: true,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0, undefined) },
);

/** Text that breaks a tokenizer: structure characters, escapes, controls, lone surrogates. */
const textJunkArb = fc.oneof(
  fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '\\', '\n', '\u2028', '\ud800', '%', '=', ';'),
  fc.string({ unit: 'binary', maxLength: 6 }),
);

/** Breaks the text itself: a few characters cut here and there, others spliced in. */
export function textEditArb(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(
      text,
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 8 }), textJunkArb), { minLength: 1, maxLength: 3 }),
    )
    .map(([s, edits]) => {
      let out = s;
      for (const [pos, cut, insert] of edits) {
        const i = pos % (out.length + 1);
        out = out.slice(0, i) + insert + out.slice(i + cut);
      }
      return out;
    });
}

/** A string with characters broken, as typed or forged: edits of a valid one, or junk. */
export function brokenStringArb(samples: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: textEditArb(samples) },
    { weight: 2, arbitrary: samples },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
    { weight: 1, arbitrary: hugeStringArb },
  );
}

/**
 * Runs `use` on `input` and checks it left the input as it found it: the parsers read untrusted
 * data they do not own (a stored object, a message, a HAR entry the recorder keeps).
 */
export function leavesUnchanged<T>(input: unknown, use: (input: unknown) => T): T {
  const before = structuredClone(input);
  const result = use(input);
  expect(input).toEqual(before);
  return result;
}

/** A message meant for a person: a string with something in it besides spaces. */
export function expectReadable(message: unknown): void {
  expect(typeof message).toBe('string');
  expect((message as string).trim()).not.toBe('');
}
