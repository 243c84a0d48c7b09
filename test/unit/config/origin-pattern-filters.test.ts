import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { matchesOrigin, toMatchPattern, toRegexFilter } from '../../../src/core/config';
import {
  FC_OPTIONS,
  ownUrl,
  patternArb,
  requestUrlArb,
  SAMPLE_URLS,
  parsedPattern,
} from './arbitraries';

const parsed = parsedPattern;

describe('toMatchPattern', () => {
  test.each([
    ['https://app.example.com', 'https://app.example.com/*'],
    ['http://localhost:*', 'http://localhost/*'],
    ['http://localhost:3000', 'http://localhost/*'],
    ['http://*:3000', 'http://*/*'],
    ['*://example.com', '*://example.com/*'],
    ['https://*.example.com', 'https://*.example.com/*'],
    ['http://[::1]:8080', 'http://[::1]/*'],
    ['http://127.0.0.1', 'http://127.0.0.1/*'],
  ])('%s → %s', (pattern, expected) => {
    expect(toMatchPattern(parsed(pattern))).toBe(expected);
  });
});

describe('toRegexFilter', () => {
  test.each([
    ['https://api.example.com', '^https://api\\.example\\.com(?::443)?/'],
    ['http://api.example.com', '^http://api\\.example\\.com(?::80)?/'],
    ['https://api.example.com:8443', '^https://api\\.example\\.com:8443/'],
    ['http://localhost:*', '^http://localhost(?::[0-9]+)?/'],
    ['https://*.example.com', '^https://[a-z0-9_-]+\\.example\\.com(?::443)?/'],
    ['https://*', '^https://(?:[a-z0-9._-]+|\\[[0-9a-f:]+\\])(?::443)?/'],
    ['*://example.com', '^(?:http://example\\.com(?::80)?|https://example\\.com(?::443)?)/'],
    ['*://example.com:8080', '^https?://example\\.com:8080/'],
    ['http://[::1]:8080', '^http://\\[::1\\]:8080/'],
  ])('%s → %s', (pattern, expected) => {
    expect(toRegexFilter(parsed(pattern))).toBe(expected);
  });

  const urls = SAMPLE_URLS;

  test.each([
    'https://api.example.com',
    'http://api.example.com:443',
    'https://api.example.com:8443',
    'http://localhost:*',
    'http://localhost:3000',
    'https://*.example.com',
    '*://example.com',
    '*://example.com:8080',
    'http://*:3000',
    'https://*',
    'http://*:*',
    'http://127.0.0.1:8080',
    'http://[::1]:8080',
    'http://[::1]',
  ])('%s: the regex matches exactly the URLs matchesOrigin accepts', (text) => {
    const pattern = parsed(text);
    const regex = new RegExp(toRegexFilter(pattern));
    for (const url of urls) {
      // With userinfo the regex stays out (the rule adds nothing): safe, if stricter.
      const expected = new URL(url).username === '' && matchesOrigin(pattern, url);
      expect([url, regex.test(url)]).toEqual([url, expected]);
    }
  });

  test('the regex matches exactly the URLs matchesOrigin accepts, for random patterns', () => {
    fc.assert(
      fc.property(
        patternArb,
        fc.array(requestUrlArb, { minLength: 1, maxLength: 8 }),
        (text, sample) => {
          const pattern = parsed(text);
          const regex = new RegExp(toRegexFilter(pattern));
          for (const u of [...sample, ownUrl(text)]) {
            expect([u, regex.test(u)]).toEqual([u, matchesOrigin(pattern, u)]);
          }
        },
      ),
      FC_OPTIONS,
    );
  });
});
