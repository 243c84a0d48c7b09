import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_SENSITIVE_PARAMS,
  isSensitiveParam,
  REDACTED,
  redactUrl,
} from '../../../src/core/span/index';
import { nameWords } from '../../../src/core/span/sensitive-params';
import { fcParams, PROPERTY_TIMEOUT_MS } from '../propagation/fc-runs';

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
    ['https://user@a.test/x', `https://${REDACTED}@a.test/x`],
    ['https://a.test/x?email=a@b.c', 'https://a.test/x?email=a@b.c'],
    ['https://@a.test/', 'https://@a.test/'],
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
});
