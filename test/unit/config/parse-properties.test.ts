import fc from 'fast-check';
import { expect, test } from 'vitest';
import { DEFAULT_CONFIG, parseConfig, type Config } from '../../../src/core/config';
import { configArb, FC_OPTIONS } from './arbitraries';

function expectWellFormed(result: ReturnType<typeof parseConfig>) {
  if (result.ok) expect(typeof result.config.enabled).toBe('boolean');
  else expect(result.errors.length).toBeGreaterThan(0);
}

test('never throws on any value', () => {
  fc.assert(
    fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (value) => {
      expectWellFormed(parseConfig(value));
    }),
    FC_OPTIONS,
  );
});

test('never throws on any JSON value', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      expectWellFormed(parseConfig(value));
    }),
    FC_OPTIONS,
  );
});

/** Config-shaped input with junk in every slot, to reach the nested readers. */
const junk = fc.oneof(
  fc.anything(),
  fc.string(),
  fc.constantFrom('page', 'network', 'off', 'ratio'),
);
const shapedArb = fc.record(
  {
    version: fc.oneof(fc.constant(1), junk),
    enabled: junk,
    sites: fc.array(fc.oneof(junk, fc.constantFrom('https://a.example', 'http://*:*'))),
    targets: fc.array(fc.oneof(junk, fc.record({ match: junk, mode: junk }, { requiredKeys: [] }))),
    propagators: fc.dictionary(
      fc.constantFrom('traceparent', 'baggage', 'tracestate', 'b3', 'jaeger', 'debug'),
      junk,
    ),
    baggage: fc.array(fc.oneof(junk, fc.record({ key: junk, value: junk }, { requiredKeys: [] }))),
    sampling: fc.record({ mode: junk, ratio: fc.oneof(junk, fc.double()) }, { requiredKeys: [] }),
    existingHeader: junk,
  },
  { requiredKeys: [] },
);

test('never throws on config-shaped junk, and every error names a field', () => {
  fc.assert(
    fc.property(shapedArb, (value) => {
      const result = parseConfig(value);
      expectWellFormed(result);
      if (!result.ok) {
        for (const error of result.errors) {
          expect(error).toMatch(
            /^(version|enabled|sites|targets|propagators|baggage|sampling|existingHeader)[.[:]/,
          );
        }
      }
    }),
    FC_OPTIONS,
  );
});

test('a valid config survives JSON and parses back to itself', () => {
  fc.assert(
    fc.property(configArb, (config) => {
      const stored: unknown = JSON.parse(JSON.stringify(config));
      expect(parseConfig(stored)).toEqual({ ok: true, config });
    }),
    FC_OPTIONS,
  );
});

/** The same settings as a person might type them: uppercase, a trailing slash, spaces. */
function untidy(config: Config): Config {
  const loose = (pattern: string) => ` ${pattern.toUpperCase()}/`;
  return {
    ...config,
    sites: config.sites.map(loose),
    targets: config.targets.map((t) => ({ ...t, match: loose(t.match) })),
  };
}

test('untidy patterns parse to the canonical config', () => {
  fc.assert(
    fc.property(configArb, (config) => {
      expect(parseConfig(untidy(config))).toEqual({ ok: true, config });
    }),
    FC_OPTIONS,
  );
});

test('parsing is idempotent', () => {
  fc.assert(
    fc.property(fc.oneof(shapedArb, configArb.map(untidy)), (value) => {
      const first = parseConfig(value);
      if (first.ok) expect(parseConfig(first.config)).toEqual(first);
    }),
    FC_OPTIONS,
  );
});

const TOP = ['version', 'enabled', 'sites', 'targets', 'baggage', 'existingHeader'] as const;
const PROPAGATORS = ['traceparent', 'baggage', 'tracestate', 'b3', 'jaeger', 'debug'] as const;
const SAMPLING = ['mode', 'ratio'] as const;

function without<T extends object>(object: T, keys: readonly string[]): Partial<T> {
  return Object.fromEntries(
    Object.entries(object).filter(([k]) => !keys.includes(k)),
  ) as Partial<T>;
}

test('defaults fill every field left out, nested ones included', () => {
  fc.assert(
    fc.property(
      configArb,
      fc.subarray([...TOP]),
      fc.subarray([...PROPAGATORS]),
      fc.subarray([...SAMPLING]),
      fc.boolean(),
      fc.boolean(),
      (config, top, propagators, sampling, dropPropagators, dropSampling) => {
        const input = {
          ...without(config, [...top, 'propagators', 'sampling']),
          ...(dropPropagators ? {} : { propagators: without(config.propagators, propagators) }),
          ...(dropSampling ? {} : { sampling: without(config.sampling, sampling) }),
        };
        const pick = <T extends object>(from: T, fallback: T, dropped: readonly string[]): T =>
          Object.fromEntries(
            Object.entries(from).map(([k, v]) => [
              k,
              dropped.includes(k) ? fallback[k as keyof T] : v,
            ]),
          ) as T;
        const expected: Config = {
          ...pick(config, DEFAULT_CONFIG, top),
          propagators: dropPropagators
            ? DEFAULT_CONFIG.propagators
            : pick(config.propagators, DEFAULT_CONFIG.propagators, propagators),
          sampling: dropSampling
            ? DEFAULT_CONFIG.sampling
            : pick(config.sampling, DEFAULT_CONFIG.sampling, sampling),
        };
        expect(parseConfig(input)).toEqual({ ok: true, config: expected });
      },
    ),
    FC_OPTIONS,
  );
});
