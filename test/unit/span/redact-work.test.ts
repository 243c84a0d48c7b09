// Issue #8 item 12: redaction is linear in its input. Asserted on the work done (characters
// visited, counted by the scanner), never on wall time: a quadratic scan shows up as work per
// character that grows with the length.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_SENSITIVE_PARAMS,
  isSensitiveParam,
  MAX_SCANNED_URL_LENGTH,
  redactUrl,
  type RedactionWork,
} from '../../../src/core/span/redact';
import { fcParams, PROPERTY_TIMEOUT_MS } from '../../support/fc-runs';

/**
 * Work allowed per input character. The scanner visits a character a bounded number of times at
 * each of its MAX_VALUE_DEPTH + 1 levels; the worst input found so far needs about 38.
 */
const WORK_PER_CHAR = 64;
/** Work allowed per name character: decoding rounds, word splitting, and a trie walk per word. */
const NAME_WORK_PER_CHAR = 32;
const BASE_WORK = 64;

function urlWork(url: string): number {
  const work: RedactionWork = { steps: 0 };
  redactUrl(url, DEFAULT_SENSITIVE_PARAMS, work);
  return work.steps;
}

function nameWork(name: string): number {
  const work: RedactionWork = { steps: 0 };
  isSensitiveParam(name, DEFAULT_SENSITIVE_PARAMS, work);
  return work.steps;
}

/** Inputs that made (or could make) a scan quadratic, each built from `n` repetitions. */
const HOSTILE_URLS: readonly (readonly [string, (n: number) => string])[] = [
  ['pairs without "=" (?a&a&a…)', (n) => 'https://a.test/?' + 'a&'.repeat(n)],
  ['only ";"', (n) => 'https://a.test/?' + ';'.repeat(n)],
  ['";" in the path', (n) => 'https://a.test/x' + ';'.repeat(n)],
  ['matrix parameters', (n) => 'https://a.test' + '/a;b=1'.repeat(n)],
  ['one long name', (n) => 'https://a.test/?' + 'a'.repeat(n) + '=1'],
  ['a name of camelCase humps', (n) => 'https://a.test/?' + 'aB'.repeat(n) + '=1'],
  ['a name of one-letter words', (n) => 'https://a.test/?' + 's_e_s_s_i_o_'.repeat(n) + '=1'],
  ['a name of near-misses', (n) => 'https://a.test/?' + 'awsaccesskeyi'.repeat(n) + '=1'],
  ['%25%25… in a value', (n) => 'https://a.test/?q=' + '%25'.repeat(n)],
  ['%25%25… as a name', (n) => 'https://a.test/?' + '%25'.repeat(n) + '=1'],
  ['many "#"', (n) => 'https://a.test/' + '#'.repeat(n)],
  ['many "?"', (n) => 'https://a.test/' + '?'.repeat(n)],
  ['"#?" alternating', (n) => 'https://a.test/' + '#?'.repeat(n)],
  ['"=#" in a fragment', (n) => 'https://a.test/#' + '=#'.repeat(n)],
  ['"=" chains (?a=b=c=…)', (n) => 'https://a.test/?a=' + 'a='.repeat(n)],
  ['"@" in the authority', (n) => 'https://' + '@'.repeat(n) + 'a.test/'],
  ['an authority without end', (n) => 'https://' + 'u:'.repeat(n)],
  ['"@?=" in a value', (n) => 'https://a.test/?a=' + '@?='.repeat(n)],
  ['encoded "=" chains', (n) => 'https://a.test/?a=' + 'b%3D'.repeat(n)],
  ['doubly encoded "=" chains', (n) => 'https://a.test/?a=' + 'b%253D'.repeat(n)],
  ['nested encoded URLs', (n) => 'https://a.test/?a=' + 'https%3A%2F%2Fx%2F%3Fb%3D'.repeat(n)],
  ['nested levels, then a long name', (n) => 'https://a.test/?a=b=c=d=e=' + 'x_'.repeat(n) + '=1'],
  ['double-encoded names', (n) => 'https://a.test/?' + 'tok%2565n%26'.repeat(n)],
];

describe('redaction work is linear in the length of the input', () => {
  test.each(HOSTILE_URLS)('%s', (_, build) => {
    const small = build(1000);
    const large = build(8000);
    expect(urlWork(small)).toBeLessThanOrEqual(WORK_PER_CHAR * small.length + BASE_WORK);
    expect(urlWork(large)).toBeLessThanOrEqual(WORK_PER_CHAR * large.length + BASE_WORK);
    // Work per character does not grow with the length (a quadratic scan's grows eightfold here).
    const perChar = (url: string): number => urlWork(url) / url.length;
    expect(perChar(large)).toBeLessThanOrEqual(1.1 * perChar(small));
  });

  test('beyond MAX_SCANNED_URL_LENGTH nothing more is scanned: a 2 MB URL costs what 64 KiB does', () => {
    for (const [, build] of HOSTILE_URLS) {
      const huge = build(1_000_000).slice(0, 2_000_000);
      expect(urlWork(huge)).toBeLessThanOrEqual(WORK_PER_CHAR * MAX_SCANNED_URL_LENGTH + BASE_WORK);
      expect(redactUrl(huge, DEFAULT_SENSITIVE_PARAMS).length).toBeLessThan(
        MAX_SCANNED_URL_LENGTH + 64,
      );
    }
  });

  test(
    'property: work ≤ c·length for any mix of hostile pieces',
    () => {
      const piece = fc.constantFrom(
        'a&',
        ';',
        '&',
        '=',
        'a=',
        'a',
        'aB',
        'a1',
        '_',
        '%',
        '%25',
        '%2525',
        '%3D',
        '%253D',
        '%26',
        '%3F',
        '%23',
        '#',
        '?',
        '@',
        ':',
        '/',
        '//',
        'https%3A%2F%2F',
        'https://',
        'tok%2565n',
        'token',
        'awsaccesskeyi',
        's_e_s_s_i_o_',
        ' ',
        '+',
      );
      const url = fc
        .tuple(
          fc.boolean(),
          fc.array(fc.tuple(piece, fc.integer({ min: 1, max: 30 })), { maxLength: 12 }),
        )
        .map(
          ([absolute, pieces]) =>
            (absolute ? 'https://a.test/' : '') + pieces.map(([p, n]) => p.repeat(n)).join(''),
        );
      fc.assert(
        fc.property(url, (u) => {
          expect(urlWork(u)).toBeLessThanOrEqual(WORK_PER_CHAR * u.length + BASE_WORK);
        }),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  test(
    'property: matching a name is linear in its length',
    () => {
      const piece = fc.constantFrom(
        'a',
        'A',
        'aB',
        '1',
        '_',
        '-',
        '%',
        '%25',
        '%2525',
        '%65',
        'tok',
        'en',
        'key',
        'awsaccesskeyi',
        's',
        'e',
        'i',
        'o',
        'n',
        'ß',
        '+',
      );
      const name = fc
        .array(fc.tuple(piece, fc.integer({ min: 1, max: 40 })), { maxLength: 10 })
        .map((pieces) => pieces.map(([p, n]) => p.repeat(n)).join(''));
      fc.assert(
        fc.property(name, (n) => {
          expect(nameWork(n)).toBeLessThanOrEqual(NAME_WORK_PER_CHAR * n.length + BASE_WORK);
        }),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
