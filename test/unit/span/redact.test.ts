import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_SENSITIVE_PARAMS,
  isSensitiveParam,
  REDACTED,
  redactUrl,
} from '../../../src/core/span/index';
import { nameWords } from '../../../src/core/span/param-name';
import {
  MAX_SCANNED_URL_LENGTH,
  MAX_VALUE_DEPTH,
  redactBaggage,
  redactParamValue,
} from '../../../src/core/span/redact';
import { fcParams, PROPERTY_TIMEOUT_MS } from '../../support/fc-runs';

const redact = (url: string): string => redactUrl(url, DEFAULT_SENSITIVE_PARAMS);

describe('isSensitiveParam with the defaults', () => {
  test.each([
    'token',
    'TOKEN',
    'Token',
    'access_token',
    'id_token',
    'refresh_token',
    'user_token',
    'x-auth-token',
    'accessToken',
    'AccessToken',
    'api_key',
    'apikey',
    'apiKey',
    'APIKey',
    'x-api-key',
    'X-API-KEY',
    'key',
    'key1',
    'password',
    'new_password',
    'passwd',
    'pwd',
    'secret',
    'client_secret',
    'clientSecret',
    'auth',
    'authorization',
    'code',
    'session',
    'sessionid',
    'session_id',
    'sessionId',
    'JSESSIONID',
    'PHPSESSID',
    'sid',
    'sig',
    'signature',
    'Signature',
    'X-Goog-Signature',
    'X-Amz-Signature',
    'X-Amz-Credential',
    'X-Amz-Security-Token',
    'AWSAccessKeyId',
    'jwt',
    'SAMLResponse',
    'user[token]',
    'auth.token',
    'acc%65ss_token',
    'access%5Ftoken',
  ])('%s is sensitive', (name) => {
    expect(isSensitiveParam(name, DEFAULT_SENSITIVE_PARAMS)).toBe(true);
  });

  test.each([
    'keyword',
    'keywords',
    'monkey',
    'turkey',
    'q',
    'page',
    'author',
    'authors',
    'codec',
    'barcode_scanner',
    'passage',
    'sidebar',
    'signal',
    'secretary',
    'tokenizer',
    'designation',
    'sessions_count_total',
    'utm_source',
    '',
  ])('%s is not sensitive', (name) => {
    // "sessions_count_total": "sessions" is not "session"; plural words are not matched.
    expect(isSensitiveParam(name, DEFAULT_SENSITIVE_PARAMS)).toBe(false);
  });

  test('a configured list replaces the defaults, with the same word matching', () => {
    expect(isSensitiveParam('customer-ssn', ['ssn'])).toBe(true);
    expect(isSensitiveParam('token', ['ssn'])).toBe(false);
    expect(isSensitiveParam('X-Tenant-Secret', ['tenant_secret'])).toBe(true);
    expect(isSensitiveParam('anything', [])).toBe(false);
  });

  test('words split at separators, camelCase humps, acronyms and digits', () => {
    expect(nameWords('x-api-key')).toEqual(['x', 'api', 'key']);
    expect(nameWords('APIKey')).toEqual(['api', 'key']);
    expect(nameWords('accessToken2')).toEqual(['access', 'token', '2']);
    expect(nameWords('user[token]')).toEqual(['user', 'token']);
    expect(nameWords('monkey')).toEqual(['monkey']);
  });
});

describe('redactUrl', () => {
  test.each([
    ['https://a.test/cb?code=abc123&state=xyz', `https://a.test/cb?code=${REDACTED}&state=xyz`],
    [
      'https://a.test/?token=1&token=2&x=3',
      `https://a.test/?token=${REDACTED}&token=${REDACTED}&x=3`,
    ],
    ['https://a.test/?TOKEN=abc', `https://a.test/?TOKEN=${REDACTED}`],
    [
      'https://a.test/?X-Api-Key=abc&keyword=shoes',
      `https://a.test/?X-Api-Key=${REDACTED}&keyword=shoes`,
    ],
    ['https://a.test/?monkey=1&key=2', `https://a.test/?monkey=1&key=${REDACTED}`],
    // the value is replaced whole, "=" and escapes included; an empty or missing value stays
    ['https://a.test/?sig=a%2Fb%3D%3D==&n=1', `https://a.test/?sig=${REDACTED}&n=1`],
    ['https://a.test/?token=&token', 'https://a.test/?token=&token'],
    // ";" separates too
    ['https://a.test/?a=1;token=abc', `https://a.test/?a=1;token=${REDACTED}`],
    // fragments: OAuth implicit flow and hash-router queries; a plain anchor stays
    [
      'https://a.test/cb#access_token=abc&token_type=bearer&state=s',
      `https://a.test/cb#access_token=${REDACTED}&token_type=${REDACTED}&state=s`,
    ],
    [
      'https://a.test/#/login?token=abc&next=%2F',
      `https://a.test/#/login?token=${REDACTED}&next=%2F`,
    ],
    ['https://a.test/page#token', 'https://a.test/page#token'],
    ['https://a.test/?q=1#sid=9', `https://a.test/?q=1#sid=${REDACTED}`],
    // path matrix parameters
    [
      'https://a.test/cart;jsessionid=ABC/items',
      `https://a.test/cart;jsessionid=${REDACTED}/items`,
    ],
    ['https://a.test/a;v=1;sid=2/b', `https://a.test/a;v=1;sid=${REDACTED}/b`],
    // userinfo, as OpenTelemetry's url.full asks
    ['https://user:pass@a.test/x', `https://${REDACTED}:${REDACTED}@a.test/x`],
    ['https://a.test/x?email=a@b.c', 'https://a.test/x?email=a@b.c'],
    ['https://@a.test/', 'https://@a.test/'],
    // WHATWG URL: userinfo ends at the authority's last "@"
    ['https://u:p@ss@a.test/', `https://${REDACTED}:${REDACTED}@a.test/`],
    // pairs before a "?" in a fragment count too
    ['https://a.test/#token=abc?x=1', `https://a.test/#token=${REDACTED}`],
    // base64 padding is not a value; encoded text without secrets stays as it is
    ['https://a.test/?x=YWJj==&y=dGVzdA==', 'https://a.test/?x=YWJj==&y=dGVzdA=='],
    ['https://a.test/?q=a%3Db&r=hello%20world', 'https://a.test/?q=a%3Db&r=hello%20world'],
    // OWS around a value is kept, the value replaced
    ['https://a.test/?token= abc ', `https://a.test/?token= ${REDACTED} `],
  ])('%s', (url, expected) => {
    expect(redact(url)).toBe(expected);
  });

  test('everything else is kept byte for byte: no decoding, no re-encoding', () => {
    const url =
      'HTTPS://Ex%61mple.test:8443/p%20a/%E2%9C%93/;x=1?q=caf%C3%A9+cr%C3%A8me&empty=&flag&token=t%2B1#frag%20ment';
    expect(redact(url)).toBe(url.replace('token=t%2B1', `token=${REDACTED}`));
  });

  test('URLs without secrets come back as the same string', () => {
    for (const url of [
      'https://a.test/',
      'https://a.test/search?q=shoes&page=2#results',
      'about:blank',
      'data:text/plain;charset=utf-8,hello',
      '',
    ]) {
      expect(redact(url)).toBe(url);
    }
  });

  test('never throws on junk', () => {
    expect(redactUrl(42 as unknown as string, DEFAULT_SENSITIVE_PARAMS)).toBe('');
    expect(redactBaggage(null as unknown as string, DEFAULT_SENSITIVE_PARAMS, 100)).toBe('');
    expect(redactParamValue({} as unknown as string, DEFAULT_SENSITIVE_PARAMS, 100)).toBe('');
    expect(redactUrl('https://a.test/?token=1', null as unknown as string[])).toBe(
      `https://a.test/?token=${REDACTED}`,
    );
    expect(redactUrl('https://a.test/?token=1', [7 as unknown as string, 'token'])).toBe(
      `https://a.test/?token=${REDACTED}`,
    );
  });

  test(
    'property: never throws, idempotent, leaves secret-free URLs alone',
    () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 200 }), (url) => {
          const once = redact(url);
          expect(redact(once)).toBe(once);
          if (!/[?#;@]/.test(url)) expect(once).toBe(url);
        }),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  test(
    'property: a sensitive value never survives, whatever surrounds it',
    () => {
      const names = fc.constantFrom(
        'token',
        'access_token',
        'X-Api-Key',
        'password',
        'sig',
        'apiKey',
      );
      const others = fc.array(
        fc.tuple(
          fc.constantFrom('q', 'page', 'keyword', 'lang'),
          fc.stringMatching(/^[a-z0-9%]{0,8}$/),
        ),
        { maxLength: 4 },
      );
      fc.assert(
        fc.property(names, others, others, fc.boolean(), (name, before, after, inFragment) => {
          const secret = 'SECRETvalue123';
          const pairs = [...before, [name, secret] as const, ...after].map(([k, v]) => `${k}=${v}`);
          const url = `https://a.test/p${inFragment ? '#' : '?'}${pairs.join('&')}`;
          const redacted = redact(url);
          expect(redacted).not.toContain(secret);
          expect(redacted).toContain(`${name}=${REDACTED}`);
          for (const [k, v] of [...before, ...after]) expect(redacted).toContain(`${k}=${v}`);
        }),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  test(
    'property: never throws and is idempotent on text made of delimiters and escapes',
    () => {
      const piece = fc.constantFrom(
        ...['a', 'token', 'pin', '=', '&', ';', ',', '?', '#', '@', ':', '/', '//', ' ', '%'],
        ...['%25', '%3D', '%26', '%3F', '%23', '%40', '%3A', '%2F', '%253D', 'https://', 'x%3A'],
      );
      const text = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));
      fc.assert(
        fc.property(text, (t) => {
          const once = redact(t);
          expect(redact(once)).toBe(once);
          const baggage = redactBaggage(t, DEFAULT_SENSITIVE_PARAMS, 1000);
          expect(redactBaggage(baggage, DEFAULT_SENSITIVE_PARAMS, 1000)).toBe(baggage);
          expect(typeof redactParamValue(t, DEFAULT_SENSITIVE_PARAMS, 1000)).toBe('string');
        }),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('redactUrl: values inside values', () => {
  const SECRET = 'SECRETvalue123';
  const inner = `https://x.test/cb?b=1&access_token=${SECRET}&c=2#f`;
  const encode = (s: string, times: number): string =>
    times === 0 ? s : encode(encodeURIComponent(s), times - 1);

  test(
    'property: a secret in a URL encoded up to MAX_VALUE_DEPTH times is replaced, every other byte kept',
    () => {
      const where = fc.constantFrom('query', 'fragment', 'matrix');
      fc.assert(
        fc.property(fc.integer({ min: 1, max: MAX_VALUE_DEPTH }), where, (times, at) => {
          const value = encode(inner, times);
          const url =
            at === 'query'
              ? `https://a.test/p?q=1&next=${value}&z=2`
              : at === 'fragment'
                ? `https://a.test/p#/route?next=${value}&z=2`
                : `https://a.test/p;next=${value}/z`;
          expect(redact(url)).toBe(url.replace(SECRET, REDACTED));
        }),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  test('deeper than MAX_VALUE_DEPTH, a value that could still hide a secret is replaced whole', () => {
    const deeper = `https://a.test/?next=${encode(inner, MAX_VALUE_DEPTH + 1)}&z=2`;
    expect(redact(deeper)).toBe(`https://a.test/?next=${REDACTED}&z=2`);
    expect(redact('https://a.test/?a=b=c=d=e=f')).toBe('https://a.test/?a=b=c=d=e=f');
    expect(redact('https://a.test/?a=b=c=d=e=f=g')).toBe(`https://a.test/?a=b=c=d=e=${REDACTED}`);
  });
});

describe('redactUrl: URLs longer than MAX_SCANNED_URL_LENGTH', () => {
  const long = (n: number): string => 'p'.repeat(n);

  test('a cut through the authority never shows part of the userinfo', () => {
    const url = `https://user:${long(MAX_SCANNED_URL_LENGTH)}@a.test/?q=1`;
    expect(redact(url)).toBe(`https://${REDACTED}`);
  });

  test('a cut through an encoded URL in a value replaces that value', () => {
    const url = `https://a.test/?u=https%3A%2F%2Fbob%3A${long(MAX_SCANNED_URL_LENGTH)}%40b.test%2F`;
    expect(redact(url)).toBe(`https://a.test/?u=${REDACTED}`);
  });

  test('a cut through any value replaces it; what came before is kept', () => {
    const url = `https://a.test/x?q=1&long=${long(MAX_SCANNED_URL_LENGTH)}&token=t`;
    expect(redact(url)).toBe(`https://a.test/x?q=1&long=${REDACTED}`);
  });

  test('a long secret shrinks to REDACTED and what follows it within the limit is kept', () => {
    const url = `https://a.test/x?token=${long(20_000)}&page=2`;
    expect(redact(url)).toBe(`https://a.test/x?token=${REDACTED}&page=2`);
  });
});
