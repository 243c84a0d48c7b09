import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isIdSegment, urlTemplate } from '../../../src/core/span/index';
import { MAX_TEMPLATE_LENGTH } from '../../../src/core/span/url-template';
import { fcParams, PROPERTY_TIMEOUT_MS } from '../../support/fc-runs';

describe('urlTemplate', () => {
  test.each([
    ['/users/8123/orders/4bf92f3577b34da6a3ce929d0e0e4736', '/users/{id}/orders/{id}'],
    ['/users/8123', '/users/{id}'],
    ['/', '/'],
    ['', '/'],
    ['/api/v2/items', '/api/v2/items'],
    ['/oauth2/authorize', '/oauth2/authorize'],
    ['/users/42/', '/users/{id}/'],
    // UUIDs, either case
    ['/docs/f47ac10b-58cc-4372-a567-0e02b2c3d479/edit', '/docs/{id}/edit'],
    ['/docs/F47AC10B-58CC-4372-A567-0E02B2C3D479', '/docs/{id}'],
    // hex: 16+ always, 8–15 only with a digit
    ['/commits/4bf92f3577b34da6', '/commits/{id}'],
    ['/objects/507f1f77bcf86cd799439011', '/objects/{id}'],
    ['/commits/a1b2c3d4', '/commits/{id}'],
    ['/beef/deadbeef/cafe/facade/decade', '/beef/deadbeef/cafe/facade/decade'],
    ['/x/abc1234', '/x/abc1234'],
    // base64url-ish tokens: 20+ characters with a digit and a letter
    ['/share/V1StGXR8_Z5jdHi6B-myT', '/share/{id}'],
    ['/items/01ARZ3NDEKTSV4RRFFQ69G5FAV', '/items/{id}'],
    ['/api/getUserProfileSettings', '/api/getUserProfileSettings'],
    ['/blog/a-rather-long-article-title', '/blog/a-rather-long-article-title'],
    ['/s/Ab3dEf', '/s/Ab3dEf'],
    // emails, also percent-encoded; npm-style names stay
    ['/users/jane.doe@example.com/profile', '/users/{id}/profile'],
    ['/users/jane%40example.com', '/users/{id}'],
    ['/npm/react@18.2.0/index.js', '/npm/react@18.2.0/index.js'],
    ['/@babel/core', '/@babel/core'],
    // dot-separated parts: hashed assets and files named by id
    ['/static/main.4bf92f35.js', '/static/main.{id}.js'],
    ['/avatars/8123.png', '/avatars/{id}.png'],
    // several numeric parts make a version, which keeps its numbers
    ['/lib/1.2.3/app.js', '/lib/1.2.3/app.js'],
    [
      '/npm/react@18.2.0/umd/react.production.min.js',
      '/npm/react@18.2.0/umd/react.production.min.js',
    ],
    ['/index.html', '/index.html'],
    ['/.well-known/openid-configuration', '/.well-known/openid-configuration'],
    // matrix parameters are dropped
    ['/cart;jsessionid=ABC123DEF456/items/9', '/cart/items/{id}'],
    // query and fragment are not part of a template
    ['/search?q=8123&token=abc', '/search'],
    ['/users/5#section-2', '/users/{id}'],
    ['/users/5?x=1#y', '/users/{id}'],
    ['?only=query', '/'],
  ])('%s → %s', (path, expected) => {
    expect(urlTemplate(path)).toBe(expected);
  });

  test('a very long path is cut at a "/" and marked', () => {
    const template = urlTemplate('/segment'.repeat(100));
    expect(template.length).toBeLessThanOrEqual(MAX_TEMPLATE_LENGTH);
    expect(template.endsWith('/…')).toBe(true);
    expect(template).toMatch(/^(\/segment)+\/…$/);
  });

  test('a long path of ids has one template however many values', () => {
    const a = urlTemplate('/tenants/12/projects/34/runs/56');
    const b = urlTemplate('/tenants/98765/projects/1/runs/4444');
    expect(a).toBe('/tenants/{id}/projects/{id}/runs/{id}');
    expect(b).toBe(a);
  });

  test(
    'never throws, and is stable: templating a template changes nothing',
    () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 300 }), (path) => {
          const template = urlTemplate(path);
          expect(template.length).toBeLessThanOrEqual(MAX_TEMPLATE_LENGTH);
          expect(template).not.toMatch(/[?#]/);
          if (!template.endsWith('…')) expect(urlTemplate(template)).toBe(template);
        }),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  test(
    'any integer or UUID segment becomes {id}',
    () => {
      fc.assert(
        fc.property(fc.oneof(fc.nat().map(String), fc.uuid()), (id) => {
          expect(urlTemplate(`/a/${id}/b`)).toBe('/a/{id}/b');
        }),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  test('a non-string is "/"', () => {
    expect(urlTemplate(42 as unknown as string)).toBe('/');
  });

  test('a long hostile segment is handled in linear time', () => {
    const segment = '%40'.repeat(50_000) + 'a'.repeat(50_000);
    expect(urlTemplate(`/${segment}`)).toBe(`/${segment}`.slice(0, MAX_TEMPLATE_LENGTH - 2) + '/…');
  });
});

describe('isIdSegment', () => {
  test.each(['0', '8123', '4bf92f3577b34da6', 'a1b2c3d4e5', 'xY9_xY9_xY9_xY9_xY9_'])(
    '%s is an id',
    (s) => {
      expect(isIdSegment(s)).toBe(true);
    },
  );
  test.each(['', 'users', 'deadbeef', 'v1', 'api-v2', 'abc123', 'html5', 'keyword'])(
    '%s is not an id',
    (s) => {
      expect(isIdSegment(s)).toBe(false);
    },
  );
});
