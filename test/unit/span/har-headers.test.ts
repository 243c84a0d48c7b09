import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { capturedHeaders, readHeaders } from '../../../src/core/span/har-headers';
import { DEFAULT_SENSITIVE_PARAMS, REDACTED } from '../../../src/core/span/index';
import type { AttributeValue } from '../../../src/core/span/index';
import { fcParams, PROPERTY_TIMEOUT_MS } from '../../support/fc-runs';

function captured(
  headers: readonly { name: string; value: string }[],
  sensitive: readonly string[] = DEFAULT_SENSITIVE_PARAMS,
): Record<string, AttributeValue> {
  const into: Record<string, AttributeValue> = {};
  capturedHeaders(readHeaders(headers), sensitive, into);
  return into;
}

const baggageOf = (value: string, sensitive?: readonly string[]): AttributeValue | undefined =>
  captured([{ name: 'baggage', value }], sensitive)['http.request.header.baggage'];

describe('capturedHeaders: baggage and uberctx-* are redacted', () => {
  test('the configured list is the one used, for baggage keys and uberctx-* names alike', () => {
    const into = captured(
      [
        { name: 'baggage', value: 'tenant=acme,token=t' },
        { name: 'uberctx-tenant', value: 'acme' },
        { name: 'uberctx-token', value: 't' },
      ],
      ['tenant'],
    );
    expect(into).toEqual({
      'http.request.header.baggage': [`tenant=${REDACTED},token=t`],
      'http.request.header.uberctx-tenant': [REDACTED],
      'http.request.header.uberctx-token': ['t'],
    });
  });

  test('every value of a repeated header is redacted; empty values stay empty', () => {
    const into = captured([
      { name: 'baggage', value: 'sid=1' },
      { name: 'Baggage', value: 'a=2,pin=' },
      { name: 'uberctx-pin', value: '' },
    ]);
    expect(into['http.request.header.baggage']).toEqual([`sid=${REDACTED}`, 'a=2,pin=']);
    expect(into['http.request.header.uberctx-pin']).toEqual(['']);
  });

  test('other propagation headers are kept as sent', () => {
    const tracestate = 'vendor=token=1';
    const into = captured([{ name: 'tracestate', value: tracestate }]);
    expect(into['http.request.header.tracestate']).toEqual([tracestate]);
  });

  test(
    'property: non-sensitive members byte for byte, sensitive values replaced, properties kept',
    () => {
      const ows = fc.constantFrom('', ' ', '\t ');
      const member = fc.record({
        key: fc.constantFrom('user.id', 'tenant', 'lang', 'session_token', 'apiKey', 'pin'),
        value: fc.stringMatching(/^[A-Za-z0-9!#$*+\-./:<>?[\]^_`{|}~]{1,12}$/),
        property: fc.option(fc.constantFrom('p', 'prop=1', 'ttl = 60'), { nil: undefined }),
        before: ows,
        after: ows,
      });
      fc.assert(
        fc.property(fc.array(member, { minLength: 1, maxLength: 6 }), (members) => {
          const render = (redacted: boolean): string =>
            members
              .map(({ key, value, property, before, after }) => {
                const secret = redacted && ['session_token', 'apiKey', 'pin'].includes(key);
                const shown = secret ? REDACTED : value;
                return `${before}${key}=${shown}${property === undefined ? '' : `;${property}`}${after}`;
              })
              .join(',');
          const raw = render(false);
          expect(baggageOf(raw)).toEqual([render(true)]);
        }),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  test(
    'property: never throws on malformed headers; long values are cut after redaction',
    () => {
      const name = fc.constantFrom('baggage', 'uberctx-x', 'uberctx-token', 'uberctx-');
      const value = fc.oneof(
        fc.string({ maxLength: 60, unit: 'binary' }),
        fc
          .array(fc.constantFrom('=', ',', ';', ' ', '%', '%3D', 'token', 'a', '@', '//'))
          .map((parts) => parts.join('')),
      );
      fc.assert(
        fc.property(name, value, (n, v) => {
          const out = captured([{ name: n, value: v }])[`http.request.header.${n}`];
          expect(Array.isArray(out) && typeof out[0] === 'string').toBe(true);
        }),
        fcParams,
      );
      const huge = captured([{ name: 'baggage', value: `a=1,token=${'x'.repeat(100_000)}` }]);
      expect(huge['http.request.header.baggage']).toEqual([`a=1,token=${REDACTED}`]);
      // A value cut at the limit may continue with anything: it is replaced whole.
      const long = captured([{ name: 'baggage', value: `a=1,b=${'x'.repeat(100_000)}` }]);
      expect(long['http.request.header.baggage']).toEqual([`a=1,b=${REDACTED}`]);
    },
    PROPERTY_TIMEOUT_MS,
  );
});
