import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canonicalIpv6 } from '../../../src/core/config/ipv6';
import { FC_OPTIONS } from './arbitraries';

describe('canonicalIpv6', () => {
  test.each([
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['1:0:0:0:0:0:0:8', '1::8'],
    ['2001:DB8::0:1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
    ['0:0:1:0:0:1:0:0', '::1:0:0:1:0:0'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    ['1:0:3:4:5:6:7:8', '1:0:3:4:5:6:7:8'],
    ['::ffff:1.2.3.4', '::ffff:102:304'],
    ['::1.2.3.4', '::102:304'],
    ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalIpv6(input)).toBe(expected);
    expect(new URL(`http://[${input}]/`).hostname).toBe(`[${expected}]`);
  });

  test.each([
    '',
    ':',
    ':1',
    '1:',
    '1:::2',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '1::2::3',
    '12345::',
    'g::',
    '::1.2.3',
    '::1.2.3.4.5',
    '::01.2.3.4',
    '::256.0.0.0',
    '::1.2.3.',
    '1:2:3:4:5:6:7:1.2.3.4',
    '::1%eth0',
  ])('%j is not an IPv6 address', (input) => {
    expect(canonicalIpv6(input)).toBeNull();
  });

  test('matches the WHATWG serializer on any address', () => {
    fc.assert(
      fc.property(fc.ipV6(), (address) => {
        expect(`[${canonicalIpv6(address) ?? ''}]`).toBe(new URL(`http://[${address}]/`).hostname);
      }),
      FC_OPTIONS,
    );
  });

  test('agrees with the WHATWG parser on arbitrary text', () => {
    const text = fc
      .array(fc.constantFrom(...'0123456789abcdefg:.'.split(''), '::', 'ffff'), { maxLength: 14 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (s) => {
        const ours = canonicalIpv6(s);
        let theirs: string | null;
        try {
          theirs = new URL(`http://[${s}]/`).hostname.slice(1, -1);
        } catch {
          theirs = null;
        }
        expect(ours).toBe(theirs);
      }),
      FC_OPTIONS,
    );
  });
});
