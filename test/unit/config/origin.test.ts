import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseOrigin } from '../../../src/core/config';
import { domainArb, FC_OPTIONS } from './arbitraries';

/** What a browser makes of a URL, by the WHATWG parser in Node; null when it refuses it. */
function whatwgOrigin(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

describe('parseOrigin', () => {
  test.each([
    ['https://api.example.com/x', 'https', 'api.example.com', 443, 'https://api.example.com'],
    ['HTTPS://API.Example.COM:443/', 'https', 'api.example.com', 443, 'https://api.example.com'],
    ['https://api.example.com', 'https', 'api.example.com', 443, 'https://api.example.com'],
    ['http://localhost:3000', 'http', 'localhost', 3000, 'http://localhost:3000'],
    ['http://localhost:80/', 'http', 'localhost', 80, 'http://localhost'],
    ['http://localhost:443/', 'http', 'localhost', 443, 'http://localhost:443'],
    ['http://127.0.0.1:8080/a?b#c', 'http', '127.0.0.1', 8080, 'http://127.0.0.1:8080'],
    ['http://[::1]:8080/', 'http', '[::1]', 8080, 'http://[::1]:8080'],
    ['http://[0:0:0:0:0:0:0:1]/', 'http', '[::1]', 80, 'http://[::1]'],
    ['http://[::FFFF:192.168.0.1]/', 'http', '[::ffff:c0a8:1]', 80, 'http://[::ffff:c0a8:1]'],
    [
      'https://user:pw@api.example.com/',
      'https',
      'api.example.com',
      443,
      'https://api.example.com',
    ],
    ['https://api.example.com@evil.com/', 'https', 'evil.com', 443, 'https://evil.com'],
    ['https://api.example.com:443@evil.com/', 'https', 'evil.com', 443, 'https://evil.com'],
    ['https://a@b@evil.com/', 'https', 'evil.com', 443, 'https://evil.com'],
    [
      'https://api.example.com?x@evil.com',
      'https',
      'api.example.com',
      443,
      'https://api.example.com',
    ],
    [
      'https://api.example.com#@evil.com',
      'https',
      'api.example.com',
      443,
      'https://api.example.com',
    ],
    ['https://evil.com\\@api.example.com/', 'https', 'evil.com', 443, 'https://evil.com'],
    ['https://evil.com/@api.example.com', 'https', 'evil.com', 443, 'https://evil.com'],
    ['https://api.example.com./', 'https', 'api.example.com.', 443, 'https://api.example.com.'],
    ['https://api.example.com:/', 'https', 'api.example.com', 443, 'https://api.example.com'],
    ['https://api.example.com:0443/', 'https', 'api.example.com', 443, 'https://api.example.com'],
    [
      'https://my_service.internal/',
      'https',
      'my_service.internal',
      443,
      'https://my_service.internal',
    ],
  ])('%s', (url, scheme, host, port, origin) => {
    expect(parseOrigin(url)).toEqual({ scheme, host, port, origin });
    expect(whatwgOrigin(url)).toBe(origin);
  });

  test('anything but a string has no origin', () => {
    for (const value of [undefined, null, 42, {}, ['https://a.example/']]) {
      expect(parseOrigin(value)).toBeNull();
    }
  });

  test.each([
    '',
    '/api',
    'api.example.com',
    '//api.example.com/',
    'javascript:fetch("https://api.example.com/")',
    'data:text/plain,https://api.example.com/',
    'blob:https://app.example.com/0b0e',
    'about:blank',
    'null',
    'ftp://api.example.com/',
    'ws://api.example.com/',
    'https:api.example.com',
    'https:/api.example.com',
    'https:///api.example.com',
    'https:\\\\api.example.com',
    'https://',
    'https://:443/',
    'https://user@/',
    'https://api.example.com:99999/',
    'https://api.example.com:12a/',
    'https://api.example.com:1:2/',
    'https://api .example.com/',
    'https://api.exa\tmple.com/',
    'https://api.exa\nmple.com/',
    ' https://api.example.com/',
    'https://ex%61mple.com/',
    'https://bücher.de/',
    'https://\u212Aey.com/',
    'http://0x7f.1/',
    'http://127.1/',
    'http://2130706433/',
    'http://1.2.3.4.5/',
    'http://256.0.0.1/',
    'http://01.2.3.4/',
    'http://1.2.3.4./',
    'https://example.123/',
    'https://a..b/',
    'https://.a.com/',
    'http://[::1/',
    'http://[::1]x/',
    'http://[::1]:x/',
    'http://[1:2]/',
    'http://[fe80::1%25eth0]/',
    'http://[]/',
    'https://api.example.com\u0000/',
  ])('%j has no origin we are sure of', (url) => {
    expect(parseOrigin(url)).toBeNull();
  });

  test('never throws, on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        parseOrigin(s);
        parseOrigin('https://' + s);
      }),
      FC_OPTIONS,
    );
  });

  // The safety net behind invariant 1: when we name an origin, a browser names the same one.
  const authorityChar = fc.constantFrom(
    ...'ab.-_1:@/\\?#[]%09 \t\nAZ'.split(''),
    'example',
    'api',
    '0x',
    '::1',
    '127.0.0.1',
  );
  test('agrees with the WHATWG parser whenever it returns an origin', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('http://', 'https://', 'HTTP://', 'https:', 'https:/'),
        fc.array(authorityChar, { maxLength: 12 }).map((parts) => parts.join('')),
        (scheme, rest) => {
          const url = scheme + rest;
          const ours = parseOrigin(url);
          if (ours !== null) expect(ours.origin).toBe(whatwgOrigin(url));
        },
      ),
      FC_OPTIONS,
    );
  });

  test('finds the origin of well-formed web URLs exactly as the WHATWG parser does', () => {
    const url = fc.webUrl({
      authoritySettings: {
        withIPv4: true,
        withIPv6: true,
        withIPv4Extended: true,
        withUserInfo: true,
        withPort: true,
      },
      withQueryParameters: true,
      withFragments: true,
    });
    fc.assert(
      fc.property(url, (u) => {
        const expected = whatwgOrigin(u);
        const ours = parseOrigin(u);
        if (ours !== null) expect(ours.origin).toBe(expected);
        // Non-canonical spellings (0x7f.1, %41) may be refused, never misread; canonical
        // ones must be understood.
        const rawHost = /^https?:\/\/(?:[^/?#]*@)?(\[[^\]]*\]|[^/?#:]*)/.exec(u)?.[1];
        if (expected !== null && rawHost === new URL(u).hostname) {
          expect(ours?.origin).toBe(expected);
        }
      }),
      FC_OPTIONS,
    );
  });
});

test('domains from fast-check are hosts parseOrigin keeps', () => {
  fc.assert(
    fc.property(domainArb, (domain) => {
      expect(parseOrigin(`https://${domain}/`)?.host).toBe(domain);
    }),
    FC_OPTIONS,
  );
});
