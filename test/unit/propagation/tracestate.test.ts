import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  addTracestateEntry,
  formatTracestate,
  parseTracestate,
  parseTracestateMember,
  TRACESTATE_MAX_MEMBERS,
  validateTracestateEntry,
  type TraceState,
} from '../../../src/core/propagation/index';
import {
  getterOf,
  hostileString,
  stringOf,
  traceStateArb,
  tracestateKeyArb,
  tracestateValueArb,
} from './arbitraries';
import { fcParams, PROPERTY_TIMEOUT_MS } from '../../support/fc-runs';

vi.setConfig({ testTimeout: PROPERTY_TIMEOUT_MS });

/** The request's tracestate lines, combined as parseTracestate receives them. */
function tracestateOf(headers: readonly (readonly [string, string])[]): TraceState | null {
  const value = getterOf(headers)('tracestate');
  return value === undefined ? [] : parseTracestate(value);
}

const KEY_WITHOUT_VENDOR = 'abcdefghijklmnopqrstuvwxyz0123456789_-*/';
const KEY_WITH_VENDOR = KEY_WITHOUT_VENDOR + '@a-z0-9_-*/';
const ALL_VALUE_CHARS = [
  [0x20, 0x2b],
  [0x2d, 0x3c],
  [0x3e, 0x7e],
]
  .flatMap(([from = 0, to = 0]) =>
    Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i)),
  )
  .join('');

const bars = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => {
    const n = String(from + i).padStart(2, '0');
    return `bar${n}=${n}`;
  }).join(',');

// Every tracestate case of the W3C trace-context test suite (w3c/trace-context test/test.py).
// `expected` is the state a vendor inherits; null means the header is discarded.
const W3C_CASES: readonly {
  readonly test: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly expected: TraceState | null;
}[] = [
  {
    test: 'tracestate_included_traceparent_included',
    headers: [['tracestate', 'foo=1,bar=2']],
    expected: [
      ['foo', '1'],
      ['bar', '2'],
    ],
  },
  {
    test: 'tracestate_header_name (trace-state)',
    headers: [['trace-state', 'foo=1']],
    expected: [],
  },
  {
    test: 'tracestate_header_name (trace.state)',
    headers: [['trace.state', 'foo=1']],
    expected: [],
  },
  {
    test: 'tracestate_header_name_valid_casing (TraceState)',
    headers: [['TraceState', 'foo=1']],
    expected: [['foo', '1']],
  },
  {
    test: 'tracestate_header_name_valid_casing (TrAcEsTaTe)',
    headers: [['TrAcEsTaTe', 'foo=1']],
    expected: [['foo', '1']],
  },
  {
    test: 'tracestate_header_name_valid_casing (TRACESTATE)',
    headers: [['TRACESTATE', 'foo=1']],
    expected: [['foo', '1']],
  },
  { test: 'tracestate_empty_header', headers: [['tracestate', '']], expected: [] },
  {
    test: 'tracestate_empty_header (then foo=1)',
    headers: [
      ['tracestate', 'foo=1'],
      ['tracestate', ''],
    ],
    expected: [['foo', '1']],
  },
  {
    test: 'tracestate_empty_header (foo=1 after)',
    headers: [
      ['tracestate', ''],
      ['tracestate', 'foo=1'],
    ],
    expected: [['foo', '1']],
  },
  {
    test: 'tracestate_multiple_headers_different_keys',
    headers: [
      ['tracestate', 'foo=1,bar=2'],
      ['tracestate', 'rojo=1,congo=2'],
      ['tracestate', 'baz=3'],
    ],
    expected: [
      ['foo', '1'],
      ['bar', '2'],
      ['rojo', '1'],
      ['congo', '2'],
      ['baz', '3'],
    ],
  },
  {
    test: 'tracestate_duplicated_keys (foo=1,foo=1)',
    headers: [['tracestate', 'foo=1,foo=1']],
    expected: null,
  },
  {
    test: 'tracestate_duplicated_keys (foo=1,foo=2)',
    headers: [['tracestate', 'foo=1,foo=2']],
    expected: null,
  },
  {
    test: 'tracestate_duplicated_keys (two lines, same value)',
    headers: [
      ['tracestate', 'foo=1'],
      ['tracestate', 'foo=1'],
    ],
    expected: null,
  },
  {
    test: 'tracestate_duplicated_keys (two lines, other value)',
    headers: [
      ['tracestate', 'foo=1'],
      ['tracestate', 'foo=2'],
    ],
    expected: null,
  },
  {
    test: 'tracestate_all_allowed_characters',
    headers: [['tracestate', `${KEY_WITHOUT_VENDOR}=${ALL_VALUE_CHARS}`]],
    expected: [[KEY_WITHOUT_VENDOR, ALL_VALUE_CHARS]],
  },
  {
    test: 'tracestate_all_allowed_characters (with vendor)',
    headers: [['tracestate', `${KEY_WITH_VENDOR}=${ALL_VALUE_CHARS}`]],
    expected: [[KEY_WITH_VENDOR, ALL_VALUE_CHARS]],
  },
  {
    test: 'tracestate_ows_handling (spaces and tabs)',
    headers: [['tracestate', 'foo=1 \t , \t bar=2, \t baz=3']],
    expected: [
      ['foo', '1'],
      ['bar', '2'],
      ['baz', '3'],
    ],
  },
  {
    test: 'tracestate_ows_handling (tabs and spaces)',
    headers: [['tracestate', 'foo=1\t \t,\t \tbar=2,\t \tbaz=3']],
    expected: [
      ['foo', '1'],
      ['bar', '2'],
      ['baz', '3'],
    ],
  },
  {
    test: 'tracestate_ows_handling (leading space)',
    headers: [['tracestate', ' foo=1']],
    expected: [['foo', '1']],
  },
  {
    test: 'tracestate_ows_handling (leading tab)',
    headers: [['tracestate', '\tfoo=1']],
    expected: [['foo', '1']],
  },
  {
    test: 'tracestate_ows_handling (trailing space)',
    headers: [['tracestate', 'foo=1 ']],
    expected: [['foo', '1']],
  },
  {
    test: 'tracestate_ows_handling (trailing tab)',
    headers: [['tracestate', 'foo=1\t']],
    expected: [['foo', '1']],
  },
  {
    test: 'tracestate_ows_handling (both)',
    headers: [['tracestate', '\t foo=1 \t']],
    expected: [['foo', '1']],
  },
  {
    test: 'tracestate_key_illegal_characters (foo =1)',
    headers: [['tracestate', 'foo =1']],
    expected: null,
  },
  {
    test: 'tracestate_key_illegal_characters (FOO=1)',
    headers: [['tracestate', 'FOO=1']],
    expected: null,
  },
  {
    test: 'tracestate_key_illegal_characters (foo.bar=1)',
    headers: [['tracestate', 'foo.bar=1']],
    expected: null,
  },
  {
    test: 'tracestate_key_illegal_vendor_format (foo@=1)',
    headers: [['tracestate', 'foo@=1,bar=2']],
    expected: null,
  },
  {
    test: 'tracestate_key_illegal_vendor_format (@foo=1)',
    headers: [['tracestate', '@foo=1,bar=2']],
    expected: null,
  },
  {
    test: 'tracestate_key_illegal_vendor_format (foo@@bar=1)',
    headers: [['tracestate', 'foo@@bar=1,bar=2']],
    expected: null,
  },
  {
    test: 'tracestate_key_illegal_vendor_format (foo@bar@baz=1)',
    headers: [['tracestate', 'foo@bar@baz=1,bar=2']],
    expected: null,
  },
  {
    test: 'tracestate_member_count_limit (32)',
    headers: [
      ['tracestate', bars(1, 10)],
      ['tracestate', bars(11, 20)],
      ['tracestate', bars(21, 30)],
      ['tracestate', bars(31, 32)],
    ],
    expected: bars(1, 32)
      .split(',')
      .map((m) => m.split('=') as [string, string]),
  },
  {
    test: 'tracestate_member_count_limit (33)',
    headers: [
      ['tracestate', bars(1, 10)],
      ['tracestate', bars(11, 20)],
      ['tracestate', bars(21, 30)],
      ['tracestate', bars(31, 33)],
    ],
    expected: null,
  },
  {
    test: 'tracestate_key_length_limit (256)',
    headers: [
      ['tracestate', 'foo=1'],
      ['tracestate', `${'z'.repeat(256)}=1`],
    ],
    expected: [
      ['foo', '1'],
      ['z'.repeat(256), '1'],
    ],
  },
  {
    test: 'tracestate_key_length_limit (257)',
    headers: [
      ['tracestate', 'foo=1'],
      ['tracestate', `${'z'.repeat(257)}=1`],
    ],
    expected: null,
  },
  {
    test: 'tracestate_key_length_limit (tenant 241, system 14)',
    headers: [
      ['tracestate', 'foo=1'],
      ['tracestate', `${'t'.repeat(241)}@${'v'.repeat(14)}=1`],
    ],
    expected: [
      ['foo', '1'],
      [`${'t'.repeat(241)}@${'v'.repeat(14)}`, '1'],
    ],
  },
  {
    test: 'tracestate_key_length_limit (tenant 242)',
    headers: [
      ['tracestate', 'foo=1'],
      ['tracestate', `${'t'.repeat(242)}@v=1`],
    ],
    expected: null,
  },
  {
    test: 'tracestate_key_length_limit (system 15)',
    headers: [
      ['tracestate', 'foo=1'],
      ['tracestate', `t@${'v'.repeat(15)}=1`],
    ],
    expected: null,
  },
  {
    test: 'tracestate_value_illegal_characters (foo=bar=baz)',
    headers: [['tracestate', 'foo=bar=baz']],
    expected: null,
  },
  {
    test: 'tracestate_value_illegal_characters (foo=,bar=3)',
    headers: [['tracestate', 'foo=,bar=3']],
    expected: null,
  },
];

describe('parseTracestate: W3C trace-context test suite', () => {
  it.each(W3C_CASES)('$test', ({ headers, expected }) => {
    expect(tracestateOf(headers)).toEqual(expected);
  });
});

describe('parseTracestate: spec details', () => {
  it.each([
    ['a value of 256 characters', `k=${'v'.repeat(256)}`, [['k', 'v'.repeat(256)]]],
    ['a value of 257 characters', `k=${'v'.repeat(257)}`, null],
    ['a value with inner spaces', 'k=a b', [['k', 'a b']]],
    ['a non-ASCII value', 'k=é', null],
    ['a control character in a value', 'k=a\u0001', null],
    ['a tenant starting with a digit', '1a@b=1', [['1a@b', '1']]],
    ['a simple key starting with a digit', '1a=1', null],
    ['a system starting with a digit', 'a@1b=1', null],
    ['only commas and whitespace', ' , ,\t,', []],
    ['a member without "="', 'foo', null],
  ] as const)('%s', (_, header, expected) => {
    expect(parseTracestate(header)).toEqual(expected);
  });

  it('formats members leftmost first, joined by commas', () => {
    expect(
      formatTracestate([
        ['congo', 't61rcWkgMzE'],
        ['rojo', '00f067aa0ba902b7'],
      ]),
    ).toBe('congo=t61rcWkgMzE,rojo=00f067aa0ba902b7');
  });
});

describe('addTracestateEntry', () => {
  it('puts the new entry leftmost and removes the same key further right', () => {
    expect(
      addTracestateEntry(
        [
          ['a', '1'],
          ['me', 'old'],
          ['b', '2'],
        ],
        'me',
        'new',
      ),
    ).toEqual([
      ['me', 'new'],
      ['a', '1'],
      ['b', '2'],
    ]);
  });

  it('drops members from the right beyond 32', () => {
    const full = parseTracestate(bars(1, 32)) ?? [];
    const next = addTracestateEntry(full, 'me', 'x');
    expect(next).toHaveLength(TRACESTATE_MAX_MEMBERS);
    expect(next[0]).toEqual(['me', 'x']);
    expect(next.at(-1)).toEqual(['bar31', '31']);
  });

  it('leaves the state alone for an invalid entry', () => {
    const state: TraceState = [['a', '1']];
    expect(addTracestateEntry(state, 'Bad', '1')).toBe(state);
    expect(addTracestateEntry(state, 'ok', 'a,b')).toBe(state);
  });
});

describe('validateTracestateEntry', () => {
  it.each([
    ['', null],
    ['vendor=value', null],
    ['tenant@system=v a l', null],
    ['novalue', 'expected key=value (no "=" found)'],
    ['=v', 'key is empty'],
    [
      'Foo=1',
      'key "Foo" may only contain lowercase letters, digits, _ - * / and one "@" ("F" at 1)',
    ],
    [
      'foo bar=1',
      'key "foo bar" may only contain lowercase letters, digits, _ - * / and one "@" (space at 4)',
    ],
    ['1foo=1', 'key "1foo" must start with a lowercase letter'],
    [`${'k'.repeat(257)}=1`, `key "${'k'.repeat(257)}" is 257 characters; at most 256 allowed`],
    ['a@b@c=1', 'key "a@b@c" may contain only one "@" (tenant@system)'],
    ['@b=1', 'key "@b": tenant (before "@") is empty'],
    [
      `t@${'v'.repeat(15)}=1`,
      `key "t@${'v'.repeat(15)}": system (after "@") is 15 characters; at most 14 allowed`,
    ],
    ['t@1v=1', 'key "t@1v": system (after "@") must start with a lowercase letter'],
    ['k=', 'value is empty'],
    ['k=a,b', 'value may only contain printable ASCII except "," and "=" ("," at 2)'],
    ['k=a=b', 'value may only contain printable ASCII except "," and "=" ("=" at 2)'],
    ['k=é', 'value may only contain printable ASCII except "," and "=" ("é" at 1)'],
    ['k=a ', 'value must not end with a space'],
    [`k=${'v'.repeat(257)}`, 'value is 257 characters; at most 256 allowed'],
  ])('%j → %j', (entry, expected) => {
    expect(validateTracestateEntry(entry)).toBe(expected);
  });
});

describe('tracestate: properties', () => {
  const alphabet = 'abz09_-*/@=, \tA.é';

  it('parseTracestate never throws; what it accepts is at most 32 valid members with unique keys', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileString(alphabet, ['foo=1,bar=2', 'a@b=x y', bars(1, 32)]),
          fc.array(stringOf(alphabet, 30), { maxLength: 4 }),
        ),
        (value) => {
          const state = parseTracestate(value);
          if (state === null) return;
          expect(state.length).toBeLessThanOrEqual(TRACESTATE_MAX_MEMBERS);
          expect(new Set(state.map(([k]) => k)).size).toBe(state.length);
          expect(parseTracestate(formatTracestate(state))).toEqual(state);
        },
      ),
      fcParams,
    );
  });

  it('format then parse is the identity on valid states', () => {
    fc.assert(
      fc.property(traceStateArb(), (state) => {
        expect(parseTracestate(formatTracestate(state))).toEqual(state);
      }),
      fcParams,
    );
  });

  it('several header lines parse like one combined line', () => {
    fc.assert(
      fc.property(traceStateArb(), fc.nat(), (state, cut) => {
        const at = state.length === 0 ? 0 : cut % state.length;
        const lines = [formatTracestate(state.slice(0, at)), formatTracestate(state.slice(at))];
        expect(parseTracestate(lines)).toEqual(state);
      }),
      fcParams,
    );
  });

  it('validateTracestateEntry never throws and accepts exactly what the parser accepts', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileString(alphabet, ['vendor=value', 't@s=v']),
          fc.tuple(tracestateKeyArb, tracestateValueArb).map(([k, v]) => `${k}=${v}`),
        ),
        (entry) => {
          if (entry === '') return;
          const error = validateTracestateEntry(entry);
          expect(error === null).toBe(parseTracestateMember(entry) !== null);
        },
      ),
      fcParams,
    );
  });

  it('addTracestateEntry keeps the state valid: new entry first, unique keys, at most 32', () => {
    fc.assert(
      fc.property(traceStateArb(), tracestateKeyArb, tracestateValueArb, (state, key, value) => {
        const next = addTracestateEntry(state, key, value);
        expect(next[0]).toEqual([key, value]);
        expect(parseTracestate(formatTracestate(next))).toEqual(next);
      }),
      fcParams,
    );
  });
});
