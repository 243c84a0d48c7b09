import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  destinationConditions,
  initiatorDomain,
  matchesOrigin,
  parseOrigin,
  type OriginPattern,
} from '../../../src/core/config';
import { initiatorDomainsOf, regexSources } from '../../../src/core/config/dnr-match';
import {
  FC_OPTIONS,
  ownUrl,
  patternArb,
  requestUrlArb,
  SAMPLE_URLS,
  parsedPattern,
} from './arbitraries';
import { urlMatches } from './dnr-model';

const parsed = parsedPattern;

const matchesAnyCondition = (pattern: OriginPattern, url: string) =>
  destinationConditions(pattern).some((c) => urlMatches(c, url));

/** What the conditions must match: the pattern's URLs, never one with userinfo (it names another host). */
const expected = (pattern: OriginPattern, url: string) =>
  new URL(url).username === '' && matchesOrigin(pattern, url);

describe('destinationConditions', () => {
  test.each([
    ['https://api.example.com', [{ urlFilter: '|https://api.example.com/' }]],
    ['http://localhost:3000', [{ urlFilter: '|http://localhost:3000/' }]],
    [
      '*://example.com',
      [{ urlFilter: '|http://example.com/' }, { urlFilter: '|https://example.com/' }],
    ],
    [
      '*://example.com:443',
      [{ urlFilter: '|http://example.com:443/' }, { urlFilter: '|https://example.com/' }],
    ],
    ['http://[::1]:8080', [{ urlFilter: '|http://[::1]:8080/' }]],
    [
      'http://localhost:*',
      [{ regexFilter: '^http://localhost(?::[0-9]+)?/', requestDomains: ['localhost'] }],
    ],
    [
      'https://*.example.com',
      [
        {
          regexFilter: '^https://[a-z0-9_-]+\\.example\\.com(?::443)?/',
          requestDomains: ['example.com'],
        },
      ],
    ],
    ['http://127.0.0.1:*', [{ regexFilter: '^http://127\\.0\\.0\\.1(?::[0-9]+)?/' }]],
    ['http://*:*', [{ regexFilter: '^http://(?:[a-z0-9._-]+|\\[[0-9a-f:]+\\])(?::[0-9]+)?/' }]],
  ])('%s → %j', (text, conditions) => {
    expect(destinationConditions(parsed(text))).toEqual(conditions);
  });

  test.each(SAMPLE_URLS.map((u) => [u]))(
    'sample %s: matched exactly as matchesOrigin says',
    (url) => {
      for (const text of [
        'https://api.example.com',
        'https://api.example.com:8443',
        'http://localhost:*',
        '*://example.com',
        '*://example.com:8080',
        'https://*.example.com',
        'http://[::1]:8080',
        'http://*:3000',
      ]) {
        const pattern = parsed(text);
        expect([text, matchesAnyCondition(pattern, url)]).toEqual([text, expected(pattern, url)]);
      }
    },
  );

  test('random patterns match exactly their own URLs', () => {
    fc.assert(
      fc.property(
        patternArb,
        fc.array(requestUrlArb, { minLength: 1, maxLength: 8 }),
        (text, urls) => {
          const pattern = parsed(text);
          for (const url of [...urls, ownUrl(text)]) {
            expect([url, matchesAnyCondition(pattern, url)]).toEqual([url, expected(pattern, url)]);
          }
        },
      ),
      FC_OPTIONS,
    );
  });

  test('plain patterns use no regex; at most two conditions per pattern', () => {
    fc.assert(
      fc.property(patternArb, (text) => {
        const pattern = parsed(text);
        const conditions = destinationConditions(pattern);
        expect(conditions.length).toBeLessThanOrEqual(2);
        const plain = !pattern.host.includes('*') && pattern.port !== '*';
        expect(conditions.every((c) => (c.regexFilter === undefined) === plain)).toBe(true);
      }),
      FC_OPTIONS,
    );
  });
});

describe('initiator domains', () => {
  test('a page names its host; an IPv6 page cannot be named', () => {
    const origin = (url: string) => {
      const o = parseOrigin(url);
      if (o === null) throw new Error(url);
      return o;
    };
    expect(initiatorDomain(origin('http://app.test:8080/x'))).toBe('app.test');
    expect(initiatorDomain(origin('http://127.0.0.1:8080/'))).toBe('127.0.0.1');
    expect(initiatorDomain(origin('http://[::1]:8080/'))).toBeNull();
  });

  test('sites name their domains, and a * or IPv6 site makes the list unsayable', () => {
    const of = (...texts: string[]) => initiatorDomainsOf(texts.map(parsed));
    expect(of('https://b.example.com', 'https://*.a.example', 'http://localhost:*')).toEqual([
      'a.example',
      'b.example.com',
      'localhost',
    ]);
    expect(of('https://a.example', 'http://*:3000')).toBeNull();
    expect(of('https://a.example', 'http://[::1]:3000')).toBeNull();
  });
});

describe('regexSources', () => {
  test('each regex is traced back to the pattern that needs it', () => {
    const sources = regexSources(['https://api.example.com', 'http://localhost:*', 'bad']);
    expect([...sources]).toEqual([['^http://localhost(?::[0-9]+)?/', 'http://localhost:*']]);
  });
});
