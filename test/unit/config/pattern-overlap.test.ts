import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { matchesOrigin } from '../../../src/core/config';
import { patternsOverlap } from '../../../src/core/config/pattern-overlap';
import { FC_OPTIONS, ownUrl, patternArb, requestUrlArb, parsedPattern } from './arbitraries';

const parsed = parsedPattern;

describe('patternsOverlap', () => {
  test.each([
    ['https://api.example.com', 'https://api.example.com', true],
    ['https://api.example.com', 'https://*.example.com', true],
    ['https://a.b.example.com', 'https://*.example.com', false],
    ['https://*.a.example.com', 'https://*.example.com', false],
    ['https://api.example.com', 'http://api.example.com', false],
    ['*://api.example.com', 'http://api.example.com', true],
    ['*://api.example.com:443', 'http://api.example.com', false],
    ['*://api.example.com:443', 'https://api.example.com', true],
    ['http://localhost:*', 'http://localhost:3000', true],
    ['http://localhost:4000', 'http://localhost:3000', false],
    ['https://*', 'https://x.example', true],
    ['https://*', 'http://*:*', false],
    ['https://example.com', 'https://*.example.com', false],
  ])('%s and %s → %s', (a, b, expected) => {
    expect(patternsOverlap(parsed(a), parsed(b))).toBe(expected);
    expect(patternsOverlap(parsed(b), parsed(a))).toBe(expected);
  });

  test('an origin both patterns match means they overlap (and a pattern overlaps itself)', () => {
    fc.assert(
      fc.property(
        patternArb,
        patternArb,
        fc.array(requestUrlArb, { maxLength: 6 }),
        (a, b, urls) => {
          const [pa, pb] = [parsed(a), parsed(b)];
          expect(patternsOverlap(pa, pa)).toBe(true);
          for (const url of [...urls, ownUrl(a), ownUrl(b)]) {
            if (matchesOrigin(pa, url) && matchesOrigin(pb, url)) {
              expect([a, b, url, patternsOverlap(pa, pb)]).toEqual([a, b, url, true]);
            }
          }
        },
      ),
      FC_OPTIONS,
    );
  });
});
