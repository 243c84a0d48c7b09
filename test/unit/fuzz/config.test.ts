// Fuzz (issue #13): settings from storage, from a settings write or import, and their parts.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  CONFIG_VERSION,
  DEFAULT_CONFIG,
  formatOriginPattern,
  parseConfig,
  parseOriginPattern,
  upgradeConfig,
  type Config,
} from '../../../src/core/config';
import { parseEndpoint } from '../../../src/core/config/parse-export';
import { fcParams, PROPERTY_TIMEOUT_MS } from '../../support/fc-runs';
import { configArb, patternArb } from '../config/arbitraries';
import { brokenStringArb, expectReadable, junkArb, leavesUnchanged } from './junk';
import { mutatedArb } from './mutate';

/** Settings as each version wrote them: older ones lack the sections added since. */
function asWrittenBy(config: Config, version: number): Record<string, unknown> {
  const { backendLink, export: exported, ...rest } = config;
  if (version === 1) return { ...rest, version };
  if (version === 2) return { ...rest, backendLink, version };
  return { ...config };
}

const settingsArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(DEFAULT_CONFIG),
  fc.tuple(configArb, fc.constantFrom(1, 2, 3)).map(([c, v]) => asWrittenBy(c, v)),
);

/** A stored, written or imported settings object with parts broken, or junk. */
const brokenSettingsArb = fc.oneof(
  { weight: 4, arbitrary: mutatedArb(settingsArb) },
  { weight: 1, arbitrary: junkArb },
);

const SECTIONS =
  'version|enabled|sites|targets|propagators|baggage|sampling|existingHeader|recording|backendLink|export';
/** `field.path: what is wrong`, or `field[3].match: …`: every error says where it is. */
const FIELD_ERROR = new RegExp(`^(${SECTIONS})(?:[.[].*?)?: \\S`);

describe('parseConfig over broken settings', () => {
  test(
    'never throws or mutates; a config it returns parses to itself, and every error names its field',
    () => {
      fc.assert(
        fc.property(brokenSettingsArb, (input) => {
          const result = leavesUnchanged(input, parseConfig);
          if (result.ok) {
            expect(result.config.version).toBe(CONFIG_VERSION);
            expect(parseConfig(JSON.parse(JSON.stringify(result.config)))).toEqual(result);
            return;
          }
          expect(result.errors.length).toBeGreaterThan(0);
          for (const error of result.errors) {
            expectReadable(error);
            // Its catch-all is for Proxies and throwing getters; plain data reaching it is a bug.
            expect(error).not.toMatch(/could not be read/);
            if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
              expect(error).toMatch(FIELD_ERROR);
            }
          }
        }),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  test(
    'upgradeConfig never throws or mutates; it upgrades to the current version or says why not',
    () => {
      fc.assert(
        fc.property(mutatedArb(settingsArb), (input) => {
          if (typeof input !== 'object' || input === null || Array.isArray(input)) return;
          const result = leavesUnchanged(input, (raw) =>
            upgradeConfig(raw as Readonly<Record<string, unknown>>),
          );
          if (result.ok) expect([undefined, CONFIG_VERSION]).toContain(result.raw['version']);
          else expect(result.error).toMatch(/^version: \S/);
        }),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

/** Patterns as people type them: any case, spaces around, a trailing slash. */
const typedPatternArb = fc
  .tuple(patternArb, fc.boolean(), fc.boolean())
  .map(([p, upper, slash]) => ` ${upper ? p.toUpperCase() : p}${slash ? '/' : ''} `);

describe('parseOriginPattern over broken patterns', () => {
  test(
    'never throws; a pattern it returns is canonical, otherwise it says what is wrong',
    () => {
      fc.assert(
        fc.property(fc.oneof(brokenStringArb(typedPatternArb), junkArb), (input) => {
          const result = leavesUnchanged(input, parseOriginPattern);
          if (typeof result === 'string') {
            expectReadable(result);
            return;
          }
          expect(['http', 'https', '*']).toContain(result.scheme);
          expect(result.host).not.toBe('');
          if (typeof result.port === 'number') {
            expect(Number.isInteger(result.port) && result.port >= 1 && result.port <= 65535).toBe(
              true,
            );
          } else {
            expect([null, '*']).toContain(result.port);
          }
          expect(parseOriginPattern(formatOriginPattern(result))).toEqual(result);
        }),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

const endpointArb = fc.constantFrom(
  'http://localhost:4318/v1/traces',
  'https://otlp.example.com:4318/v1/traces',
  'https://user:pw@otlp.example.com/v1/traces#x',
  'https://[::1]:4318/v1/traces?tenant=a',
  'https://xn--bcher-kva.example/v1/traces',
  'ftp://otlp.example.com/v1/traces',
  'https://otlp.example.com/',
);

describe('parseEndpoint over broken URLs', () => {
  test(
    'never throws; a URL it returns is an http(s) URL with a path, and reads back as itself',
    () => {
      fc.assert(
        fc.property(brokenStringArb(endpointArb), (input) => {
          const result = parseEndpoint(input);
          if (!result.ok) {
            expectReadable(result.problem);
            return;
          }
          const url = new URL(result.url);
          expect(['http:', 'https:']).toContain(url.protocol);
          expect([url.username, url.password, url.hash]).toEqual(['', '', '']);
          expect(url.pathname).not.toBe('/');
          expect(parseEndpoint(result.url)).toEqual(result);
        }),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
