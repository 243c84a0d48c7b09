/** Shared fast-check arbitraries and settings for the config tests. */
import fc from 'fast-check';
import type { Config, ConfigBaggageEntry, Target } from '../../../src/core/config';

export const FC_OPTIONS = { numRuns: Number(process.env.FC_NUM_RUNS ?? 1000) };

const SCHEMES = ['http', 'https', '*'] as const;
const DEFAULT_PORT = { http: 80, https: 443 } as const;

/** A domain our patterns accept: fc.domain() minus the rare name Node's URL refuses (xn--). */
export const domainArb = fc.domain().filter((d) => !d.includes('xn--') && d.length <= 253);

export const ipv4Arb = fc.ipV4();

/** A host a pattern may name exactly (no wildcard), in canonical form. */
export const exactHostArb = fc.oneof(
  { weight: 4, arbitrary: domainArb },
  { weight: 1, arbitrary: ipv4Arb },
  { weight: 1, arbitrary: fc.constantFrom('[::1]', '[2001:db8::1]', 'localhost') },
);

/** A canonical origin pattern string. */
export const patternArb = fc
  .record({
    scheme: fc.constantFrom(...SCHEMES),
    host: fc.oneof(
      { weight: 4, arbitrary: exactHostArb },
      { weight: 2, arbitrary: domainArb.map((d) => `*.${d}`) },
      { weight: 1, arbitrary: fc.constant('*') },
    ),
    port: fc.oneof(
      fc.constant<number | '*' | null>(null),
      fc.constant<number | '*' | null>('*'),
      fc.integer({ min: 1, max: 65535 }),
    ),
  })
  .map(({ scheme, host, port }) => {
    const canonicalPort = scheme !== '*' && port === DEFAULT_PORT[scheme] ? null : port;
    return `${scheme}://${host}${canonicalPort === null ? '' : `:${String(canonicalPort)}`}`;
  });

export const targetArb: fc.Arbitrary<Target> = fc.record({
  match: patternArb,
  mode: fc.constantFrom('page' as const, 'network' as const),
});

/** A baggage key the settings accept: a token without "%" (OpenTelemetry percent-decodes keys). */
const tokenArb = fc.stringMatching(/^[A-Za-z0-9!#$&'*+.^_`|~-]{1,16}$/);

export const baggageEntryArb: fc.Arbitrary<ConfigBaggageEntry> = fc.record({
  key: tokenArb,
  value: fc.string({ minLength: 1, maxLength: 24, unit: 'grapheme' }),
});

const tracestateArb = fc.oneof(
  fc.constant(''),
  fc
    .tuple(
      fc.stringMatching(/^[a-z][a-z0-9_*/-]{0,12}$/),
      fc.stringMatching(/^[!-+\--<>-~]([ !-+\--<>-~]{0,18}[!-+\--<>-~])?$/),
    )
    .map(([key, value]) => `${key}=${value}`),
);

/** A valid config in the canonical form parseConfig returns. */
export const configArb: fc.Arbitrary<Config> = fc.record({
  version: fc.constant(1 as const),
  enabled: fc.boolean(),
  sites: fc.uniqueArray(patternArb, { maxLength: 5 }),
  targets: fc.uniqueArray(targetArb, { maxLength: 5, selector: (t) => t.match }),
  propagators: fc.record({
    traceparent: fc.boolean(),
    baggage: fc.boolean(),
    tracestate: tracestateArb,
    b3: fc.constantFrom('off' as const, 'single' as const, 'multi' as const),
    jaeger: fc.boolean(),
    debug: fc.boolean(),
  }),
  baggage: fc.uniqueArray(baggageEntryArb, { maxLength: 8, selector: (e) => e.key }),
  sampling: fc.record({
    mode: fc.constantFrom('always' as const, 'never' as const, 'ratio' as const),
    // -0 is normalised to 0 by the parser; generate what it returns.
    ratio: fc.double({ min: 0, max: 1, noNaN: true }).map((r) => (r === 0 ? 0 : r)),
  }),
  existingHeader: fc.constantFrom('keep' as const, 'replace' as const),
  recording: fc.record({
    enabled: fc.boolean(),
    preserveLog: fc.boolean(),
    sensitiveParams: fc.uniqueArray(fc.stringMatching(/^[a-z0-9_.-]{1,20}$/), { maxLength: 6 }),
    maxSpans: fc.integer({ min: 100, max: 2_000_000 }),
    maxAgeDays: fc.double({ min: 0.01, max: 365, noNaN: true }),
  }),
});
