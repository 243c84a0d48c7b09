import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  formatTraceparent,
  parseTraceparent,
  type SpanContext,
} from '../../../src/core/propagation/index';
import { getterOf, hostileString, HEXISH, spanContextArb } from './arbitraries';
import { fcParams, PROPERTY_TIMEOUT_MS } from '../../support/fc-runs';

vi.setConfig({ testTimeout: PROPERTY_TIMEOUT_MS });

const TRACE_ID = '12345678901234567890123456789012';
const VALID = `00-${TRACE_ID}-1234567890123456-01`;

/** The traceparent header lines of a request, found by case-insensitive name as HTTP does. */
function traceparentOf(headers: readonly (readonly [string, string])[]) {
  return getterOf(headers)('traceparent');
}

// Every traceparent case of the W3C trace-context test suite (w3c/trace-context test/test.py,
// TraceContextTest and AdvancedTest). `traceId` is the id a vendor must continue; null means the
// header is invalid and the trace restarts.
const W3C_CASES: readonly {
  readonly test: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly traceId: string | null;
}[] = [
  { test: 'both_traceparent_and_tracestate_missing', headers: [], traceId: null },
  {
    test: 'traceparent_included_tracestate_missing',
    headers: [['traceparent', VALID]],
    traceId: TRACE_ID,
  },
  {
    test: 'traceparent_duplicated',
    headers: [
      ['traceparent', '00-12345678901234567890123456789011-1234567890123456-01'],
      ['traceparent', '00-12345678901234567890123456789012-1234567890123456-01'],
    ],
    traceId: null,
  },
  {
    test: 'traceparent_header_name (trace-parent)',
    headers: [['trace-parent', VALID]],
    traceId: null,
  },
  {
    test: 'traceparent_header_name (trace.parent)',
    headers: [['trace.parent', VALID]],
    traceId: null,
  },
  {
    test: 'traceparent_header_name_valid_casing (TraceParent)',
    headers: [['TraceParent', VALID]],
    traceId: TRACE_ID,
  },
  {
    test: 'traceparent_header_name_valid_casing (TrAcEpArEnT)',
    headers: [['TrAcEpArEnT', VALID]],
    traceId: TRACE_ID,
  },
  {
    test: 'traceparent_header_name_valid_casing (TRACEPARENT)',
    headers: [['TRACEPARENT', VALID]],
    traceId: TRACE_ID,
  },
  {
    test: 'traceparent_version_0x00 (trailing .)',
    headers: [['traceparent', `${VALID}.`]],
    traceId: null,
  },
  {
    test: 'traceparent_version_0x00 (extra field)',
    headers: [['traceparent', `${VALID}-what-the-future-will-be-like`]],
    traceId: null,
  },
  {
    test: 'traceparent_version_0xcc',
    headers: [['traceparent', `cc-${TRACE_ID}-1234567890123456-01`]],
    traceId: TRACE_ID,
  },
  {
    test: 'traceparent_version_0xcc (extra field)',
    headers: [['traceparent', `cc-${TRACE_ID}-1234567890123456-01-what-the-future-will-be-like`]],
    traceId: TRACE_ID,
  },
  {
    test: 'traceparent_version_0xcc (extra field without dash)',
    headers: [['traceparent', `cc-${TRACE_ID}-1234567890123456-01.what-the-future-will-be-like`]],
    traceId: null,
  },
  {
    test: 'traceparent_version_0xff',
    headers: [['traceparent', `ff-${TRACE_ID}-1234567890123456-01`]],
    traceId: null,
  },
  {
    test: 'traceparent_version_illegal_characters (.0)',
    headers: [['traceparent', `.0-${TRACE_ID}-1234567890123456-01`]],
    traceId: null,
  },
  {
    test: 'traceparent_version_illegal_characters (0.)',
    headers: [['traceparent', `0.-${TRACE_ID}-1234567890123456-01`]],
    traceId: null,
  },
  {
    test: 'traceparent_version_too_long (000)',
    headers: [['traceparent', `000-${TRACE_ID}-1234567890123456-01`]],
    traceId: null,
  },
  {
    test: 'traceparent_version_too_long (0000)',
    headers: [['traceparent', `0000-${TRACE_ID}-1234567890123456-01`]],
    traceId: null,
  },
  {
    test: 'traceparent_version_too_short',
    headers: [['traceparent', `0-${TRACE_ID}-1234567890123456-01`]],
    traceId: null,
  },
  {
    test: 'traceparent_trace_id_all_zero',
    headers: [['traceparent', '00-00000000000000000000000000000000-1234567890123456-01']],
    traceId: null,
  },
  {
    test: 'traceparent_trace_id_illegal_characters (leading .)',
    headers: [['traceparent', '00-.2345678901234567890123456789012-1234567890123456-01']],
    traceId: null,
  },
  {
    test: 'traceparent_trace_id_illegal_characters (trailing .)',
    headers: [['traceparent', '00-1234567890123456789012345678901.-1234567890123456-01']],
    traceId: null,
  },
  {
    test: 'traceparent_trace_id_too_long',
    headers: [['traceparent', '00-123456789012345678901234567890123-1234567890123456-01']],
    traceId: null,
  },
  {
    test: 'traceparent_trace_id_too_short',
    headers: [['traceparent', '00-1234567890123456789012345678901-1234567890123456-01']],
    traceId: null,
  },
  {
    test: 'traceparent_parent_id_all_zero',
    headers: [['traceparent', `00-${TRACE_ID}-0000000000000000-01`]],
    traceId: null,
  },
  {
    test: 'traceparent_parent_id_illegal_characters (leading .)',
    headers: [['traceparent', `00-${TRACE_ID}-.234567890123456-01`]],
    traceId: null,
  },
  {
    test: 'traceparent_parent_id_illegal_characters (trailing .)',
    headers: [['traceparent', `00-${TRACE_ID}-123456789012345.-01`]],
    traceId: null,
  },
  {
    test: 'traceparent_parent_id_too_long',
    headers: [['traceparent', `00-${TRACE_ID}-12345678901234567-01`]],
    traceId: null,
  },
  {
    test: 'traceparent_parent_id_too_short',
    headers: [['traceparent', `00-${TRACE_ID}-123456789012345-01`]],
    traceId: null,
  },
  {
    test: 'traceparent_trace_flags_illegal_characters (.0)',
    headers: [['traceparent', `00-${TRACE_ID}-1234567890123456-.0`]],
    traceId: null,
  },
  {
    test: 'traceparent_trace_flags_illegal_characters (0.)',
    headers: [['traceparent', `00-${TRACE_ID}-1234567890123456-0.`]],
    traceId: null,
  },
  {
    test: 'traceparent_trace_flags_too_long',
    headers: [['traceparent', `00-${TRACE_ID}-1234567890123456-001`]],
    traceId: null,
  },
  {
    test: 'traceparent_trace_flags_too_short',
    headers: [['traceparent', `00-${TRACE_ID}-1234567890123456-1`]],
    traceId: null,
  },
  {
    test: 'traceparent_ows_handling (leading space)',
    headers: [['traceparent', ` ${VALID}`]],
    traceId: TRACE_ID,
  },
  {
    test: 'traceparent_ows_handling (leading tab)',
    headers: [['traceparent', `\t${VALID}`]],
    traceId: TRACE_ID,
  },
  {
    test: 'traceparent_ows_handling (trailing space)',
    headers: [['traceparent', `${VALID} `]],
    traceId: TRACE_ID,
  },
  {
    test: 'traceparent_ows_handling (trailing tab)',
    headers: [['traceparent', `${VALID}\t`]],
    traceId: TRACE_ID,
  },
  {
    test: 'traceparent_ows_handling (both)',
    headers: [['traceparent', `\t ${VALID} \t`]],
    traceId: TRACE_ID,
  },
  {
    test: 'multiple_requests_with_illegal_traceparent',
    headers: [['traceparent', '00-00000000000000000000000000000000-1234567890123456-01']],
    traceId: null,
  },
];

describe('parseTraceparent: W3C trace-context test suite', () => {
  it.each(W3C_CASES)('$test', ({ headers, traceId }) => {
    const value = traceparentOf(headers);
    const parsed = value === undefined ? null : parseTraceparent(value);
    expect(parsed?.traceId ?? null).toBe(traceId);
  });
});

describe('parseTraceparent: spec details', () => {
  it('reads all four fields of version 00', () => {
    expect(parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: 1,
    });
  });

  it.each([
    ['uppercase trace id', '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01'],
    ['uppercase version', 'CC-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['uppercase flags', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0A'],
    ['future version shorter than 55', 'cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1'],
    ['underscore separators', '00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01'],
    ['empty', ''],
    ['no header lines', []],
  ])('rejects %s', (_, value) => {
    expect(parseTraceparent(value)).toBeNull();
  });

  it('keeps every trace-flags bit, including the Level 2 random flag', () => {
    expect(
      parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-ff')?.traceFlags,
    ).toBe(0xff);
    expect(
      parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03')?.traceFlags,
    ).toBe(3);
  });

  it('re-emits a future version as version 00', () => {
    const parsed = parseTraceparent('cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-09-more');
    expect(parsed).not.toBeNull();
    if (parsed) {
      expect(formatTraceparent(parsed)).toBe(
        '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-09',
      );
    }
  });

  it('reads one header line given as an array', () => {
    expect(parseTraceparent([VALID])?.traceId).toBe(TRACE_ID);
  });

  it('rejects two values folded into one line by fetch', () => {
    expect(parseTraceparent(`${VALID}, ${VALID}`)).toBeNull();
  });
});

describe('parseTraceparent: properties', () => {
  const examples = [VALID, `cc-${TRACE_ID}-1234567890123456-01-x`];

  it('never throws, and whatever it accepts re-formats to a valid version 00 header', () => {
    fc.assert(
      fc.property(hostileString(HEXISH + 'cf', examples), (s) => {
        const parsed = parseTraceparent(s);
        if (parsed !== null) expect(parseTraceparent(formatTraceparent(parsed))).toEqual(parsed);
      }),
      fcParams,
    );
  });

  it('format then parse is the identity on valid contexts', () => {
    fc.assert(
      fc.property(spanContextArb, (ctx: SpanContext) => {
        const header = formatTraceparent(ctx);
        expect(header).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/);
        expect(parseTraceparent(header)).toEqual(ctx);
      }),
      fcParams,
    );
  });

  it('parse then format is the identity on valid version 00 headers', () => {
    fc.assert(
      fc.property(spanContextArb, (ctx) => {
        const header = formatTraceparent(ctx);
        const parsed = parseTraceparent(header);
        expect(parsed && formatTraceparent(parsed)).toBe(header);
      }),
      fcParams,
    );
  });
});
