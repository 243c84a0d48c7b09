import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  formatOriginPattern,
  parseOriginPattern,
  type OriginPattern,
} from '../../../src/core/config';
import { FC_OPTIONS, patternArb } from './arbitraries';

function parsed(text: string): OriginPattern {
  const pattern = parseOriginPattern(text);
  if (typeof pattern === 'string') throw new Error(`${text}: ${pattern}`);
  return pattern;
}

describe('parseOriginPattern', () => {
  test.each([
    [
      'https://app.example.com',
      'https://app.example.com',
      { scheme: 'https', host: 'app.example.com', port: null },
    ],
    ['HTTPS://App.Example.COM/', 'https://app.example.com', null],
    ['  https://app.example.com \n', 'https://app.example.com', null],
    ['https://app.example.com:443', 'https://app.example.com', null],
    ['http://app.example.com:80/', 'http://app.example.com', null],
    [
      'http://app.example.com:443',
      'http://app.example.com:443',
      { scheme: 'http', host: 'app.example.com', port: 443 },
    ],
    ['http://localhost:*', 'http://localhost:*', { scheme: 'http', host: 'localhost', port: '*' }],
    ['http://localhost:08080', 'http://localhost:8080', null],
    ['http://*:3000', 'http://*:3000', { scheme: 'http', host: '*', port: 3000 }],
    ['https://*', 'https://*', null],
    ['*://example.com', '*://example.com', { scheme: '*', host: 'example.com', port: null }],
    ['*://example.com:443', '*://example.com:443', null],
    [
      'https://*.example.com',
      'https://*.example.com',
      { scheme: 'https', host: '*.example.com', port: null },
    ],
    ['https://*.Example.com:*', 'https://*.example.com:*', null],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080', null],
    ['http://[::1]:8080', 'http://[::1]:8080', { scheme: 'http', host: '[::1]', port: 8080 }],
    ['http://[0:0::1]/', 'http://[::1]', null],
    ['http://[::1]:*', 'http://[::1]:*', null],
    ['https://my_service.internal', 'https://my_service.internal', null],
    ['https://xn--bcher-kva.de', 'https://xn--bcher-kva.de', null],
  ])('%j → %s', (input, canonical, fields) => {
    const pattern = parsed(input);
    expect(formatOriginPattern(pattern)).toBe(canonical);
    if (fields !== null) expect(pattern).toEqual(fields);
  });

  const long = 'a'.repeat(64);
  const longHost = Array.from({ length: 4 }, () => 'b'.repeat(63)).join('.');
  test.each([
    ['', 'pattern is empty'],
    ['   ', 'pattern is empty'],
    ['example.com', 'expected scheme://host[:port], e.g. "https://app.example.com"'],
    ['localhost:3000', 'expected scheme://host[:port], e.g. "https://app.example.com"'],
    ['ftp://example.com', 'scheme must be "http", "https" or "*", got "ftp"'],
    ['wss://example.com', 'scheme must be "http", "https" or "*", got "wss"'],
    [
      'https://example.com/api',
      'must not have a path, query or fragment ("/api"); a pattern names a whole origin',
    ],
    [
      'https://example.com/*',
      'must not have a path, query or fragment ("/*"); a pattern names a whole origin',
    ],
    [
      'https://example.com//',
      'must not have a path, query or fragment ("/"); a pattern names a whole origin',
    ],
    [
      'https://example.com?x=1',
      'must not have a path, query or fragment ("?x=1"); a pattern names a whole origin',
    ],
    [
      'https://example.com#top',
      'must not have a path, query or fragment ("#top"); a pattern names a whole origin',
    ],
    [
      'https://example.com\\x',
      'must not have a path, query or fragment ("\\x"); a pattern names a whole origin',
    ],
    ['https://user@example.com', 'must not have a user name ("@")'],
    ['https://', 'host is empty'],
    ['https://:8080', 'host is empty'],
    [
      'https://api.*.example.com',
      '"*" may only be the whole host or its first label, e.g. "https://*.example.com"',
    ],
    [
      'https://a*.example.com',
      '"*" may only be the whole host or its first label, e.g. "https://*.example.com"',
    ],
    [
      'https://*example.com',
      '"*" may only be the whole host or its first label, e.g. "https://*.example.com"',
    ],
    [
      'https://*.*.example.com',
      '"*" may only be the whole host or its first label, e.g. "https://*.example.com"',
    ],
    [
      'https://**',
      '"*" may only be the whole host or its first label, e.g. "https://*.example.com"',
    ],
    ['https://*.', 'host "" has an empty label'],
    ['https://*.127.0.0.1', '"*." cannot be used with an IP address'],
    [
      'https://bücher.de',
      'host "bücher.de" must be ASCII; write an internationalized name in punycode (xn--…)',
    ],
    [
      'https://\u212Aey.com',
      'host "\u212Aey.com" must be ASCII; write an internationalized name in punycode (xn--…)',
    ],
    [
      'https://a b.com',
      'host "a b.com" may only contain letters, digits, ".", "-" and "_" (space at 2)',
    ],
    [
      'https://a%62.com',
      'host "a%62.com" may only contain letters, digits, ".", "-" and "_" ("%" at 2)',
    ],
    [
      'https://a\u0001b.com',
      'host "a\u0001b.com" may only contain letters, digits, ".", "-" and "_" (U+0001 at 2)',
    ],
    ['https://example.com.', 'host "example.com." must not end with "."'],
    ['https://a..com', 'host "a..com" has an empty label'],
    ['https://.com', 'host ".com" has an empty label'],
    [`https://${long}.com`, `host "${long}.com" has a label longer than 63 characters`],
    [`https://${longHost}.c`, `host "${longHost}.c" is longer than 253 characters`],
    ['http://1.2.3', 'host "1.2.3" is not an IPv4 address a.b.c.d (each 0–255, no leading zeros)'],
    [
      'http://256.1.1.1',
      'host "256.1.1.1" is not an IPv4 address a.b.c.d (each 0–255, no leading zeros)',
    ],
    [
      'http://01.1.1.1',
      'host "01.1.1.1" is not an IPv4 address a.b.c.d (each 0–255, no leading zeros)',
    ],
    [
      'http://0x7f.1',
      'host "0x7f.1" is not an IPv4 address a.b.c.d (each 0–255, no leading zeros)',
    ],
    [
      'http://example.123',
      'host "example.123" is not an IPv4 address a.b.c.d (each 0–255, no leading zeros)',
    ],
    ['http://[::1', 'an IPv6 host is missing its "]"'],
    ['http://[::g]', 'host "[::g]" is not a valid IPv6 address'],
    ['http://[::1]x', 'host "[::1]x" is not a valid IPv6 address'],
    ['http://[*]', 'host "[*]" is not a valid IPv6 address'],
    [
      'http://::1',
      'has more than one ":"; an IPv6 address goes in brackets, e.g. "http://[::1]:8080"',
    ],
    ['https://example.com:', 'port is empty (leave out the ":" for the default port)'],
    ['https://example.com:0', 'port must be a number from 1 to 65535 or "*", got "0"'],
    ['https://example.com:65536', 'port must be a number from 1 to 65535 or "*", got "65536"'],
    ['https://example.com:123456', 'port must be a number from 1 to 65535 or "*", got "123456"'],
    ['https://example.com:http', 'port must be a number from 1 to 65535 or "*", got "http"'],
    ['https://example.com:-1', 'port must be a number from 1 to 65535 or "*", got "-1"'],
    ['https://example.com:8*', 'port must be a number from 1 to 65535 or "*", got "8*"'],
  ])('%j: %s', (input, error) => {
    expect(parseOriginPattern(input)).toBe(error);
  });

  test('formats back to itself (canonical patterns round-trip)', () => {
    fc.assert(
      fc.property(patternArb, (text) => {
        expect(formatOriginPattern(parsed(text))).toBe(text);
        expect(formatOriginPattern(parsed(text.toUpperCase() + '/'))).toBe(text);
      }),
      FC_OPTIONS,
    );
  });

  test('never throws, on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        parseOriginPattern(s);
        parseOriginPattern('https://' + s);
        parseOriginPattern('http://' + s + ':*');
      }),
      FC_OPTIONS,
    );
  });
});
