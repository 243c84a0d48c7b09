import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  matchesOrigin,
  parseOriginPattern,
  toMatchPattern,
  toRegexFilter,
  type OriginPattern,
} from '../../../src/core/config';
import { domainArb, exactHostArb, FC_OPTIONS, patternArb } from './arbitraries';

function parsed(text: string): OriginPattern {
  const pattern = parseOriginPattern(text);
  if (typeof pattern === 'string') throw new Error(`${text}: ${pattern}`);
  return pattern;
}

/** A request URL as Chrome hands it to declarativeNetRequest: canonical, default port dropped. */
function canonicalUrl(url: string): string {
  return new URL(url).href;
}

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

  const urls = [
    'https://api.example.com/',
    'https://api.example.com/v1/users?id=1#x',
    'https://api.example.com:443/v1',
    'https://api.example.com:8443/v1',
    'http://api.example.com/',
    'http://api.example.com:443/',
    'https://API.example.com/',
    'https://a.example.com/',
    'https://a.b.example.com/',
    'https://example.com/',
    'http://example.com/',
    'http://example.com:8080/',
    'https://example.com:8080/',
    'http://localhost/',
    'http://localhost:3000/',
    'https://localhost:3000/',
    'http://127.0.0.1:8080/',
    'http://[::1]:8080/',
    'http://[::1]/',
    // Never the named origin, however the URL dresses up.
    'https://api.example.com@evil.com/',
    'https://api.example.com:443@evil.com/',
    'https://user@evil.com/api.example.com/',
    'https://evil.com/?u=https://api.example.com/',
    'https://evil.com/#https://api.example.com/',
    'https://api.example.com.evil.com/',
    'https://api-example.com/',
    'https://apixexample.com/',
    'https://evilapi.example.com/',
    'https://api.example.com./',
    'https://a.example.com.evil.com/',
    'https://localhost.evil.com/',
    'http://localhost.evil.com:3000/',
  ].map(canonicalUrl);

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
    const host = fc.oneof(
      exactHostArb,
      domainArb.map((d) => `x.${d}`),
      domainArb.map((d) => `x-y.z.${d}`),
    );
    const url = fc
      .record({
        scheme: fc.constantFrom('http', 'https'),
        host,
        port: fc.option(
          fc.oneof(fc.constantFrom(80, 443, 3000), fc.integer({ min: 1, max: 65535 })),
        ),
        rest: fc.constantFrom('/', '/a/b?c=d#e', '/@evil.com', '?x', '#y'),
      })
      .map(({ scheme, host, port, rest }) =>
        canonicalUrl(`${scheme}://${host}${port === null ? '' : `:${String(port)}`}${rest}`),
      );
    fc.assert(
      fc.property(patternArb, fc.array(url, { minLength: 1, maxLength: 8 }), (text, sample) => {
        const pattern = parsed(text);
        const regex = new RegExp(toRegexFilter(pattern));
        // Some URLs of the pattern itself, so matches are not all misses.
        const own = text
          .replace('*://', 'https://')
          .replace(/^(\w+:\/\/)\*\./, '$1w.')
          .replace('://*', '://any.host')
          .replace(/:\*$/, ':9');
        for (const u of [...sample, canonicalUrl(own + '/p')]) {
          expect([u, regex.test(u)]).toEqual([u, matchesOrigin(pattern, u)]);
        }
      }),
      FC_OPTIONS,
    );
  });
});
