import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  BAGGAGE_MAX_BYTES,
  BAGGAGE_MAX_MEMBERS,
  baggageByteLength,
  formatBaggage,
  formatBaggageMember,
  mergeBaggage,
  parseBaggage,
  validateBaggageEntry,
  type BaggageEntry,
} from '../../../src/core/propagation/index';
import { baggageArb, baggageEntryArb, hostileString, stringOf, TCHARS } from './arbitraries';
import { fcParams, PROPERTY_TIMEOUT_MS } from '../../support/fc-runs';

vi.setConfig({ testTimeout: PROPERTY_TIMEOUT_MS });

// The value the W3C baggage test suite round-trips (w3c/baggage test/baggage/test_baggage.py), and its
// encoding there by Python's urllib.parse.quote.
const SPECIAL = '\t "\';=asdf!@#$%^&*()';
const SPECIAL_QUOTED = '%09%20%22%27%3B%3Dasdf%21%40%23%24%25%5E%26%2A%28%29';

describe('parseBaggage: W3C baggage spec and test suite', () => {
  it.each([
    ['simple', 'SomeKey=SomeValue', [{ key: 'SomeKey', value: 'SomeValue' }]],
    [
      'multiple with properties',
      'SomeKey=SomeValue;SomeProp,SomeKey2=SomeValue2;ValueProp=PropVal',
      [
        { key: 'SomeKey', value: 'SomeValue', metadata: 'SomeProp' },
        { key: 'SomeKey2', value: 'SomeValue2', metadata: 'ValueProp=PropVal' },
      ],
    ],
    [
      'multiple with OWS everywhere',
      'SomeKey \t = \t SomeValue \t ; \t SomeProp \t , \t SomeKey2 \t = \t SomeValue2 \t ; \t ValueProp \t = \t PropVal',
      [
        { key: 'SomeKey', value: 'SomeValue', metadata: 'SomeProp' },
        { key: 'SomeKey2', value: 'SomeValue2', metadata: 'ValueProp=PropVal' },
      ],
    ],
    [
      'key-value properties',
      'SomeKey=SomeValue;SomePropKey=SomePropValue,SomeKey2=SomeValue2;SomePropKey2=SomePropValue2',
      [
        { key: 'SomeKey', value: 'SomeValue', metadata: 'SomePropKey=SomePropValue' },
        { key: 'SomeKey2', value: 'SomeValue2', metadata: 'SomePropKey2=SomePropValue2' },
      ],
    ],
    [
      'multiple equals',
      'SomeKey=SomeValue=equals',
      [{ key: 'SomeKey', value: 'SomeValue=equals' }],
    ],
    ['percent-encoded', `SomeKey=${SPECIAL_QUOTED}`, [{ key: 'SomeKey', value: SPECIAL }]],
    [
      'percent-encoded with OWS',
      `SomeKey \t = \t ${SPECIAL_QUOTED} \t `,
      [{ key: 'SomeKey', value: SPECIAL }],
    ],
    ['simple with OWS', 'SomeKey \t = \t SomeValue \t ', [{ key: 'SomeKey', value: 'SomeValue' }]],
    [
      'several properties',
      'SomeKey=SomeValue;SomeProp;SecondProp=PropValue',
      [{ key: 'SomeKey', value: 'SomeValue', metadata: 'SomeProp;SecondProp=PropValue' }],
    ],
    [
      'properties with the same name',
      'SomeKey=SomeValue;SomeProp;SomeProp=PropValue;SomeProp=AnotherPropValue',
      [
        {
          key: 'SomeKey',
          value: 'SomeValue',
          metadata: 'SomeProp;SomeProp=PropValue;SomeProp=AnotherPropValue',
        },
      ],
    ],
    [
      'an encoded property is one key, not decoded into key=value',
      'SomeKey=SomeValue;ValueProp%20%09%20%3D%20%09%20PropVal',
      [{ key: 'SomeKey', value: 'SomeValue', metadata: 'ValueProp%20%09%20%3D%20%09%20PropVal' }],
    ],
    [
      'the spec example (86 bytes, 3 members)',
      'key1=value1;property1;property2, key2 = value2, key3=value3; propertyKey=propertyValue',
      [
        { key: 'key1', value: 'value1', metadata: 'property1;property2' },
        { key: 'key2', value: 'value2' },
        { key: 'key3', value: 'value3', metadata: 'propertyKey=propertyValue' },
      ],
    ],
    [
      'the spec header example',
      'userId=alice,serverNode=DF%2028,isProduction=false',
      [
        { key: 'userId', value: 'alice' },
        { key: 'serverNode', value: 'DF 28' },
        { key: 'isProduction', value: 'false' },
      ],
    ],
  ] as const)('%s', (_, header, expected) => {
    expect(parseBaggage(header)).toEqual(expected);
  });

  it('combines several header lines (spec example)', () => {
    expect(
      parseBaggage(['userId =   alice', 'serverNode = DF%2028, isProduction = false']),
    ).toEqual([
      { key: 'userId', value: 'alice' },
      { key: 'serverNode', value: 'DF 28' },
      { key: 'isProduction', value: 'false' },
    ]);
  });

  it.each([
    ['a key that is not a token', 'user id=1,ok=2', [{ key: 'ok', value: '2' }]],
    ['a value with a space', 'a=b c,ok=2', [{ key: 'ok', value: '2' }]],
    ['a value with a double quote', 'a="b",ok=2', [{ key: 'ok', value: '2' }]],
    ['a member without "="', 'novalue,ok=2', [{ key: 'ok', value: '2' }]],
    ['an invalid property', 'a=1;bad prop,ok=2', [{ key: 'ok', value: '2' }]],
    ['empty members', ',, ,ok=2,', [{ key: 'ok', value: '2' }]],
  ] as const)(
    'skips %s and keeps the rest (lenient, like OpenTelemetry)',
    (_, header, expected) => {
      expect(parseBaggage(header)).toEqual(expected);
    },
  );

  it.each([
    ['an empty value', 'k=', ''],
    ['UTF-8', 'k=%C3%A9%F0%9F%98%80', 'é😀'],
    ['lowercase escapes', 'k=%c3%a9', 'é'],
    ['a truncated sequence', 'k=%C3', '\uFFFD'],
    ['an invalid lead byte', 'k=%FFa', '\uFFFDa'],
    ['an encoded surrogate', 'k=%ED%A0%80', '\uFFFD\uFFFD\uFFFD'],
    ['a "%" that starts no escape', 'k=100%', '100%'],
    ['"%" before non-hex', 'k=%zz', '%zz'],
  ])('decodes %s', (_, header, value) => {
    expect(parseBaggage(header)).toEqual([{ key: 'k', value }]);
  });
});

describe('formatBaggage', () => {
  it('writes the spec header example', () => {
    expect(
      formatBaggage([
        { key: 'userId', value: 'alice' },
        { key: 'serverNode', value: 'DF 28' },
        { key: 'isProduction', value: 'false' },
      ]),
    ).toBe('userId=alice,serverNode=DF%2028,isProduction=false');
  });

  it('percent-encodes as UTF-8 what is not a baggage-octet, and "%"', () => {
    expect(formatBaggageMember({ key: 'SomeKey', value: SPECIAL })).toBe(
      "SomeKey=%09%20%22'%3B=asdf!@#$%25^&*()",
    );
    expect(formatBaggageMember({ key: 'k', value: 'é,\\😀' })).toBe('k=%C3%A9%2C%5C%F0%9F%98%80');
  });

  it('writes properties after the value', () => {
    expect(formatBaggage([{ key: 'k', value: 'v', metadata: ' p1 ; p2 = x ' }])).toBe(
      'k=v;p1;p2=x',
    );
  });

  it('skips members it could not write validly', () => {
    expect(
      formatBaggage([
        { key: 'bad key', value: 'v' },
        { key: 'k', value: 'v', metadata: 'bad,prop' },
        { key: 'ok', value: '1' },
      ]),
    ).toBe('ok=1');
  });

  // W3C baggage test suite, LimitsTest.
  it('propagates 64 members (test_serialize_at_least_64)', () => {
    const entries = Array.from({ length: 64 }, (_, i) => ({
      key: `key${String(i)}`,
      value: 'value',
    }));
    expect(formatBaggage(entries).split(',')).toHaveLength(64);
  });

  it('propagates a member of 8192 bytes (test_serialize_long_entry)', () => {
    const header = formatBaggage([{ key: 'a', value: '0123456789'.repeat(819) }]);
    expect(header).toHaveLength(BAGGAGE_MAX_BYTES);
  });

  it('propagates 8192 bytes of 16-byte members, within the 64-member limit (test_serialize_many_entries)', () => {
    const entries = Array.from({ length: 512 }, (_, i) => ({
      key: String(i).padStart(3, '0'),
      value: '0123456789a',
    }));
    const header = formatBaggage(entries);
    expect(header.split(',')).toHaveLength(BAGGAGE_MAX_MEMBERS);
    expect(header).toBe(formatBaggage(entries.slice(0, 64)));
  });

  it('drops whole members beyond 64, never parts', () => {
    const entries = Array.from({ length: 70 }, (_, i) => ({ key: `k${String(i)}`, value: 'v' }));
    expect(parseBaggage(formatBaggage(entries))).toEqual(entries.slice(0, 64));
  });

  it('drops a whole member that would pass 8192 bytes, and keeps later ones that fit', () => {
    const big = { key: 'big', value: 'x'.repeat(8000) };
    const tooBig = { key: 'more', value: 'y'.repeat(500) };
    const small = { key: 's', value: '1' };
    expect(parseBaggage(formatBaggage([big, tooBig, small]))).toEqual([big, small]);
    expect(formatBaggage([{ key: 'a', value: '0'.repeat(8191) }])).toBe('');
  });
});

describe('baggageByteLength', () => {
  it('counts the formatted header, commas included', () => {
    const entries = [
      { key: 'userId', value: 'alice' },
      { key: 'serverNode', value: 'DF 28' },
    ];
    expect(baggageByteLength(entries)).toBe('userId=alice,serverNode=DF%2028'.length);
  });

  it('goes past 8192 so an overflow is visible', () => {
    expect(baggageByteLength([{ key: 'a', value: 'é'.repeat(3000) }])).toBe(2 + 6 * 3000);
  });
});

describe('mergeBaggage', () => {
  it('puts configured entries first; the configured value wins a key clash', () => {
    expect(
      mergeBaggage(
        [{ key: 'userId', value: 'configured' }],
        [
          { key: 'a', value: '1' },
          { key: 'userId', value: 'page' },
          { key: 'b', value: '2', metadata: 'p' },
        ],
      ),
    ).toEqual([
      { key: 'userId', value: 'configured' },
      { key: 'a', value: '1' },
      { key: 'b', value: '2', metadata: 'p' },
    ]);
  });
});

describe('validateBaggageEntry', () => {
  it.each([
    ['userId', 'alice', null],
    ['k', 'any text, even "quotes" and é', null],
    ['', 'v', 'key is empty'],
    ['user id', 'v', 'key "user id" is not a token (space at 5)'],
    ['a,b', 'v', 'key "a,b" is not a token ("," at 2)'],
    ['tab\there', 'v', 'key "tab\there" is not a token (tab at 4)'],
    ['clé', 'v', 'key "clé" is not a token ("é" at 3)'],
    ['k', '', 'value of "k" is empty'],
    ['k', 'a\uD800b', 'value of "k" is not valid Unicode (unpaired surrogate U+D800 at 2)'],
    ['k', 'x'.repeat(4094), null],
    [
      'k',
      'x'.repeat(4095),
      'entry "k" is 4097 bytes encoded; OpenTelemetry drops baggage entries over 4096 bytes',
    ],
    [
      'a%41',
      'v',
      'key "a%41" contains "%" at 2; OpenTelemetry percent-decodes baggage keys, so servers would see another key or none',
    ],
    [
      'k%',
      'v',
      'key "k%" contains "%" at 2; OpenTelemetry percent-decodes baggage keys, so servers would see another key or none',
    ],
  ])('(%j, %j) → %j', (key, value, expected) => {
    expect(validateBaggageEntry(key, value)).toBe(expected);
  });
});

describe('baggage: properties', () => {
  const alphabet = 'aZ09=;,% \t"\\é!#';

  it('parseBaggage never throws, and what it returns formats and parses back unchanged', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileString(alphabet, ['a=1;p;q=2, b = %C3%A9', 'k=%F0%9F%98%80']),
          fc.array(stringOf(alphabet, 40), { maxLength: 4 }),
        ),
        (value) => {
          const entries = parseBaggage(value);
          const header = formatBaggage(entries);
          if (
            entries.length <= BAGGAGE_MAX_MEMBERS &&
            baggageByteLength(entries) <= BAGGAGE_MAX_BYTES
          ) {
            expect(parseBaggage(header)).toEqual(entries);
          }
        },
      ),
      fcParams,
    );
  });

  it('format then parse is the identity on valid entries', () => {
    fc.assert(
      fc.property(baggageArb(), (entries: BaggageEntry[]) => {
        const header = formatBaggage(entries);
        expect(header.length).toBe(baggageByteLength(entries));
        expect(parseBaggage(header)).toEqual(entries);
      }),
      fcParams,
    );
  });

  it('what we format stays inside the limits and parses back to a prefix-preserving subset', () => {
    fc.assert(
      fc.property(
        fc.array(baggageEntryArb(TCHARS), { maxLength: 70 }),
        fc.nat({ max: 1500 }),
        (entries, pad) => {
          const padded = entries.map((e, i) =>
            i % 7 === 0 ? { ...e, value: e.value + 'x'.repeat(pad) } : e,
          );
          const header = formatBaggage(padded);
          const parsed = parseBaggage(header);
          expect(header.length).toBeLessThanOrEqual(BAGGAGE_MAX_BYTES);
          expect(parsed.length).toBeLessThanOrEqual(BAGGAGE_MAX_MEMBERS);
          // Whole members only: each parsed entry is one of ours, in our order.
          let from = 0;
          for (const entry of parsed) {
            const at = padded.findIndex((e, i) => i >= from && e.key === entry.key);
            expect(at).toBeGreaterThanOrEqual(from);
            expect(entry).toEqual(padded[at]);
            from = at + 1;
          }
        },
      ),
      fcParams,
    );
  });

  it('validateBaggageEntry never throws; an entry it accepts round-trips alone', () => {
    fc.assert(
      fc.property(
        fc.oneof(stringOf(TCHARS + ' ,;é', 12), fc.string({ unit: 'binary', maxLength: 12 })),
        fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), hostileString(alphabet, ['v'])),
        (key, value) => {
          if (validateBaggageEntry(key, value) === null) {
            expect(parseBaggage(formatBaggage([{ key, value }]))).toEqual([{ key, value }]);
          }
        },
      ),
      fcParams,
    );
  });
});
