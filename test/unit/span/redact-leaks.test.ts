// Issue #8 item 13: secrets that slipped past redaction. Each row is a case that must be redacted
// before storage; the "not sensitive" rows pin the false positives the rules must not make.
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_SENSITIVE_PARAMS,
  harEntryToSpan,
  isSensitiveParam,
  REDACTED,
  redactUrl,
  type RecordedSpan,
} from '../../../src/core/span/index';
import { harEntry, mapContext, type Header } from './har-entries';

const R = REDACTED;
const redact = (url: string): string => redactUrl(url, DEFAULT_SENSITIVE_PARAMS);

describe('names that must be sensitive', () => {
  test.each([
    // one-word compounds: a word ending in a listed name of 5+ characters, or a listed compound
    'authtoken',
    'accesskey',
    'privatekey',
    'sessiontoken',
    'csrftoken',
    'xsrftoken',
    'secretkey',
    'bearer',
    'clientsecret',
    'resetpassword',
    // short names, as whole words
    'pass',
    'pin',
    'PIN',
    'user_pin',
    'pin_code',
    'pinCode',
    'new-pass',
    // encoded more than once: decoded repeatedly (bounded)
    'tok%2565n',
    'tok%252565n',
    'access%255Ftoken',
    // still encoded after the bound: treated as sensitive
    'q%2525252525252541',
    // the semantic conventions' list for url.full
    'X-Amz-Signature',
    'X-Amz-Credential',
    'X-Amz-Security-Token',
    'AWSAccessKeyId',
    'Signature',
    'sig',
    'X-Goog-Signature',
  ])('%s', (name) => {
    expect(isSensitiveParam(name, DEFAULT_SENSITIVE_PARAMS)).toBe(true);
    expect(redact(`https://a.test/?${name}=SECRET&q=1`)).toBe(`https://a.test/?${name}=${R}&q=1`);
  });
});

describe('names that stay visible', () => {
  test.each([
    // "key", "pass" and "pin" are short: only whole words match, never part of a word
    'monkey',
    'keyword',
    'hockey',
    'turkey',
    'passage',
    'compass',
    'passenger',
    'spinner',
    'pinned',
    'ping',
    'shipping',
    // a listed name at the start of a word does not count, only at its end
    'tokenizer',
    'secretary',
    'sessions',
    'barcode',
    'q%2541',
  ])('%s', (name) => {
    expect(isSensitiveParam(name, DEFAULT_SENSITIVE_PARAMS)).toBe(false);
  });
});

describe('secrets inside values and userinfo', () => {
  test.each([
    // an encoded URL in a query value: only the secret's bytes change
    [
      'https://a.test/?to=https%3A%2F%2Fx%2F%3Faccess_token%3Dabc%26b%3D1',
      `https://a.test/?to=https%3A%2F%2Fx%2F%3Faccess_token%3D${R}%26b%3D1`,
    ],
    // encoded twice
    [
      'https://a.test/?to=https%253A%252F%252Fx%252F%253Ftoken%253Dabc%2526b%253D1&z=2',
      `https://a.test/?to=https%253A%252F%252Fx%252F%253Ftoken%253D${R}%2526b%253D1&z=2`,
    ],
    // a URL in a URL in a URL
    [
      'https://a.test/?a=https%3A%2F%2Fb%2F%3Fc%3Dhttps%253A%252F%252Fd%252F%253Fsid%253D42',
      `https://a.test/?a=https%3A%2F%2Fb%2F%3Fc%3Dhttps%253A%252F%252Fd%252F%253Fsid%253D${R}`,
    ],
    // not encoded at all: a "?" inside a query value
    ['https://a.test/?next=/cb?token=abc&x=1', `https://a.test/?next=/cb?token=${R}&x=1`],
    // a form-encoded value
    ['https://a.test/?state=a%3D1%26token%3Dabc', `https://a.test/?state=a%3D1%26token%3D${R}`],
    // in a fragment value and in a matrix parameter value
    [
      'https://a.test/#/login?next=%2Fx%3Fcode%3D123',
      `https://a.test/#/login?next=%2Fx%3Fcode%3D${R}`,
    ],
    ['https://a.test/a;r=%2Fb%3Fjwt%3Dxyz/c', `https://a.test/a;r=%2Fb%3Fjwt%3D${R}/c`],
    // userinfo is always REDACTED:REDACTED, also in an encoded URL in a value
    ['https://user@a.test/x', `https://${R}:${R}@a.test/x`],
    ['https://user:pw@a.test/x', `https://${R}:${R}@a.test/x`],
    [
      'https://a.test/?u=https%3A%2F%2Fbob%3Apw%40b.test%2F',
      `https://a.test/?u=https%3A%2F%2F${R}:${R}%40b.test%2F`,
    ],
    // the semantic conventions' presigned-URL parameters
    [
      'https://s3.test/o?X-Amz-Credential=AK%2F1&X-Amz-Signature=ab12&X-Amz-Security-Token=t',
      `https://s3.test/o?X-Amz-Credential=${R}&X-Amz-Signature=${R}&X-Amz-Security-Token=${R}`,
    ],
    [
      'https://s3.test/o?AWSAccessKeyId=AK&Signature=s%3D&Expires=1',
      `https://s3.test/o?AWSAccessKeyId=${R}&Signature=${R}&Expires=1`,
    ],
    [
      'https://g.test/o?X-Goog-Signature=abc&sig=def',
      `https://g.test/o?X-Goog-Signature=${R}&sig=${R}`,
    ],
  ])('%s', (url, expected) => {
    expect(redact(url)).toBe(expected);
  });
});

function spanWith(headers: readonly Header[]): RecordedSpan {
  const result = harEntryToSpan(harEntry({ headers }), mapContext());
  if (result.kind !== 'span') throw new Error(`expected a span, got ${result.kind}`);
  return result.span;
}

describe('captured propagation headers', () => {
  test.each([
    ['baggage', 'user.id=1,session_token=abc;prop=1', `user.id=1,session_token=${R};prop=1`],
    ['baggage', 'user.id=1, token = abc ;p, x=2', `user.id=1, token = ${R} ;p, x=2`],
    ['baggage', 'a=1;password=hunter2', `a=1;password=${R}`],
    ['baggage', 'next=https%3A%2F%2Fx%2F%3Fsid%3D9', `next=https%3A%2F%2Fx%2F%3Fsid%3D${R}`],
    ['uberctx-session_token', 'abc', R],
    ['uberctx-apiKey', 'k%20v', R],
    ['uberctx-next', 'https%3A%2F%2Fx%2F%3Ftoken%3Dt', `https%3A%2F%2Fx%2F%3Ftoken%3D${R}`],
  ])('%s: %s', (name, value, expected) => {
    const span = spanWith([{ name, value }]);
    expect(span.attributes[`http.request.header.${name.toLowerCase()}`]).toEqual([expected]);
  });
});
