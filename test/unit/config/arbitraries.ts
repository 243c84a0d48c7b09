/** Shared fast-check arbitraries and settings for the config tests. */
import fc from 'fast-check';
import {
  parseOriginPattern,
  type Config,
  type ConfigBaggageEntry,
  type OriginPattern,
  type Target,
} from '../../../src/core/config';

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
  version: fc.constant(3 as const),
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
  backendLink: fc.oneof(
    fc.constant(null),
    fc.constant({ kind: 'jaeger' as const, baseUrl: 'http://localhost:16686' }),
    fc.constant({ kind: 'zipkin' as const, baseUrl: 'https://zipkin.example.com' }),
    fc.constant({
      kind: 'tempo' as const,
      grafanaUrl: 'https://grafana.example.com',
      datasourceUid: 'tempo-1',
    }),
    fc.constant({ kind: 'custom' as const, template: 'https://ui.example.com/t/{traceId}' }),
  ),
  export: fc.record({
    endpoint: fc.constantFrom(
      'http://localhost:4318/v1/traces',
      'https://otlp.example.com:4318/v1/traces',
      'https://api.honeycomb.io/v1/traces',
    ),
    protocol: fc.constantFrom('json' as const, 'protobuf' as const),
    compression: fc.constantFrom('none' as const, 'gzip' as const),
    headers: fc.dictionary(
      fc.constantFrom('x-api-key', 'Authorization', 'x-honeycomb-team'),
      fc.stringMatching(/^[!-~]{1,20}$/),
      { maxKeys: 2 },
    ),
    serviceName: fc.constantFrom('browser', 'shop-frontend'),
    resourceAttributes: fc.dictionary(
      fc.constantFrom('deployment.environment', 'team', 'build'),
      fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean()),
      { maxKeys: 3 },
    ),
    auto: fc.boolean(),
    intervalSeconds: fc.integer({ min: 30, max: 86_400 }),
  }),
});

/** A request URL as Chrome hands it to declarativeNetRequest: canonical, default port dropped. */
export function canonicalUrl(url: string): string {
  return new URL(url).href;
}

/** URLs of many origins, and URLs that dress up as an origin they are not. */
export const SAMPLE_URLS: readonly string[] = [
  'https://api.example.com/',
  'https://api.example.com/v1/users?id=1#x',
  'https://api.example.com:443/v1',
  'https://api.example.com:8443/v1',
  'http://api.example.com/',
  'http://api.example.com:443/',
  'https://API.example.com/',
  'https://a.example.com/',
  'https://a.b.example.com/',
  'https://example.com/',
  'http://example.com/',
  'http://example.com:8080/',
  'https://example.com:8080/',
  'http://localhost/',
  'http://localhost:3000/',
  'https://localhost:3000/',
  'http://127.0.0.1:8080/',
  'http://[::1]:8080/',
  'http://[::1]/',
  // Never the named origin, however the URL dresses up.
  'https://api.example.com@evil.com/',
  'https://api.example.com:443@evil.com/',
  'https://user@evil.com/api.example.com/',
  'https://evil.com/?u=https://api.example.com/',
  'https://evil.com/#https://api.example.com/',
  'https://api.example.com.evil.com/',
  'https://api-example.com/',
  'https://apixexample.com/',
  'https://evilapi.example.com/',
  'https://api.example.com./',
  'https://a.example.com.evil.com/',
  'https://localhost.evil.com/',
  'http://localhost.evil.com:3000/',
].map(canonicalUrl);

/** Request URLs on hosts near the patterns' own, with every kind of port and rest. */
export const requestUrlArb = fc
  .record({
    scheme: fc.constantFrom('http', 'https'),
    host: fc.oneof(
      exactHostArb,
      domainArb.map((d) => `x.${d}`),
      domainArb.map((d) => `x-y.z.${d}`),
    ),
    port: fc.option(fc.oneof(fc.constantFrom(80, 443, 3000), fc.integer({ min: 1, max: 65535 }))),
    rest: fc.constantFrom('/', '/a/b?c=d#e', '/@evil.com', '?x', '#y'),
  })
  .map(({ scheme, host, port, rest }) =>
    canonicalUrl(`${scheme}://${host}${port === null ? '' : `:${String(port)}`}${rest}`),
  );

/** A URL the pattern `text` names, so that property tests are not all misses. */
export function ownUrl(text: string): string {
  const own = text
    .replace('*://', 'https://')
    .replace(/^(\w+:\/\/)\*\./, '$1w.')
    .replace('://*', '://any.host')
    .replace(/:\*$/, ':9');
  return canonicalUrl(own + '/p');
}

/** A pattern the test knows is valid, parsed. */
export function parsedPattern(text: string): OriginPattern {
  const pattern = parseOriginPattern(text);
  if (typeof pattern === 'string') throw new Error(`${text}: ${pattern}`);
  return pattern;
}
