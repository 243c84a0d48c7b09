import { describe, expect, test } from 'vitest';
import { matchesOrigin, parseOriginPattern, type OriginPattern } from '../../../src/core/config';

function parsed(text: string): OriginPattern {
  const pattern = parseOriginPattern(text);
  if (typeof pattern === 'string') throw new Error(`${text}: ${pattern}`);
  return pattern;
}

describe('matchesOrigin', () => {
  test.each([
    ['https://api.example.com', 'https://api.example.com', true],
    ['https://api.example.com', 'https://api.example.com:443', true],
    ['https://api.example.com', 'https://API.EXAMPLE.COM/path', true],
    ['https://api.example.com', 'https://api.example.com:8443', false],
    ['https://api.example.com', 'http://api.example.com', false],
    ['https://api.example.com', 'https://api.example.com.', false],
    ['https://api.example.com', 'https://api.example.com.evil.com', false],
    ['https://api.example.com', 'https://evilapi.example.com', false],
    ['https://api.example.com', 'https://x.api.example.com', false],
    ['https://api.example.com', 'https://api.example.com@evil.com', false],
    ['https://api.example.com', 'https://evil.com\\@api.example.com', false],
    ['https://api.example.com', 'null', false],
    ['https://api.example.com', 'api.example.com', false],
    ['http://api.example.com:443', 'http://api.example.com:443', true],
    ['http://api.example.com:443', 'https://api.example.com', false],
    ['http://localhost:*', 'http://localhost', true],
    ['http://localhost:*', 'http://localhost:3000', true],
    ['http://localhost:*', 'https://localhost:3000', false],
    ['http://localhost:*', 'http://localhost.evil.com:3000', false],
    ['http://*:3000', 'http://anything.example:3000', true],
    ['http://*:3000', 'http://127.0.0.1:3000', true],
    ['http://*:3000', 'http://[::1]:3000', true],
    ['http://*:3000', 'http://localhost:3001', false],
    ['https://*', 'https://a.b.c', true],
    ['https://*', 'https://a.b.c:8443', false],
    ['*://example.com', 'http://example.com', true],
    ['*://example.com', 'https://example.com', true],
    ['*://example.com', 'http://example.com:443', false],
    ['*://example.com', 'https://example.com:80', false],
    ['*://example.com:8080', 'http://example.com:8080', true],
    ['*://example.com:8080', 'https://example.com:8080', true],
    ['https://*.example.com', 'https://a.example.com', true],
    ['https://*.example.com', 'https://a_b-c.example.com', true],
    ['https://*.example.com', 'https://example.com', false],
    ['https://*.example.com', 'https://a.b.example.com', false],
    ['https://*.example.com', 'https://.example.com', false],
    ['https://*.example.com', 'https://aexample.com', false],
    ['https://*.example.com', 'https://a.example.com.', false],
    ['https://*.example.com', 'https://a.example.com.evil.com', false],
    ['https://*.example.com:*', 'https://a.example.com:9', true],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080', true],
    ['http://127.0.0.1:8080', 'http://127.0.0.2:8080', false],
    ['http://[::1]:8080', 'http://[0:0::1]:8080', true],
    ['http://[::1]:8080', 'http://[::2]:8080', false],
  ])('%s ~ %s → %s', (pattern, origin, expected) => {
    expect(matchesOrigin(parsed(pattern), origin)).toBe(expected);
  });
});
