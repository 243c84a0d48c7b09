import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT } from '../../support/paths';
import { DEFAULT_CONFIG, parseConfig, type Config } from '../../../src/core/config';
import { MAX_SITES, MAX_TARGETS } from '../../../src/core/config/parse-lists';

function valid(input: unknown): Config {
  const result = parseConfig(input);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
}

function errorsOf(input: unknown): string[] {
  const result = parseConfig(input);
  return result.ok ? [] : result.errors;
}

const ISSUE_EXAMPLE = {
  version: 3,
  enabled: true,
  sites: ['http://localhost:*', 'https://app.example.com'],
  targets: [{ match: 'https://api.example.com', mode: 'network' }],
  propagators: { traceparent: true, baggage: true, tracestate: '', b3: 'off', jaeger: false },
  baggage: [{ key: 'user.id', value: '12345' }],
  sampling: { mode: 'always', ratio: 1 },
  existingHeader: 'keep',
};

describe('parseConfig: defaults', () => {
  test('an empty object is the default config', () => {
    expect(valid({})).toEqual(DEFAULT_CONFIG);
  });

  test('the issue example parses, with debug defaulted', () => {
    expect(valid(ISSUE_EXAMPLE)).toEqual({
      ...ISSUE_EXAMPLE,
      propagators: { ...ISSUE_EXAMPLE.propagators, debug: false },
      recording: DEFAULT_CONFIG.recording,
      backendLink: DEFAULT_CONFIG.backendLink,
      export: DEFAULT_CONFIG.export,
    });
  });

  test('the example in docs/config.md is the issue example, and parses', () => {
    const docs = readFileSync(join(ROOT, 'docs/config.md'), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(docs)?.[1] ?? '';
    const parsed: unknown = JSON.parse(example);
    expect(valid(parsed)).toEqual(valid(ISSUE_EXAMPLE));
  });

  test('a nested field left out keeps its default', () => {
    const config = valid({ propagators: { b3: 'single' }, sampling: { mode: 'ratio' } });
    expect(config.propagators).toEqual({ ...DEFAULT_CONFIG.propagators, b3: 'single' });
    expect(config.sampling).toEqual({ mode: 'ratio', ratio: 1 });
  });

  test('a target without a mode is network (no CORS change needed)', () => {
    expect(valid({ targets: [{ match: 'https://api.example.com' }] }).targets).toEqual([
      { match: 'https://api.example.com', mode: 'network' },
    ]);
  });

  test('unknown keys are ignored, not copied', () => {
    const config = valid({ export: {}, links: [], telemetry: { on: true }, __proto__x: 1 });
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(Object.keys(config).sort()).toEqual(Object.keys(DEFAULT_CONFIG).sort());
  });

  test('inherited properties are not settings', () => {
    const input: unknown = Object.create({ enabled: false, sites: ['https://a.example'] });
    expect(valid(input)).toEqual(DEFAULT_CONFIG);
  });

  test('the result does not share lists with DEFAULT_CONFIG', () => {
    const config = valid({});
    expect(config.sites).not.toBe(DEFAULT_CONFIG.sites);
    expect(config.baggage).not.toBe(DEFAULT_CONFIG.baggage);
  });
});

describe('parseConfig: normalisation', () => {
  test('patterns are stored canonically and duplicate sites dropped', () => {
    const config = valid({
      sites: ['HTTPS://App.Example.com/', 'https://app.example.com:443', 'http://[0::1]:3000'],
      targets: [{ match: 'https://API.example.com/', mode: 'page' }],
    });
    expect(config.sites).toEqual(['https://app.example.com', 'http://[::1]:3000']);
    expect(config.targets).toEqual([{ match: 'https://api.example.com', mode: 'page' }]);
  });

  test('extra fields in entries are dropped', () => {
    const config = valid({
      targets: [{ match: 'https://a.example', mode: 'page', note: 'x' }],
      baggage: [{ key: 'k', value: 'v', metadata: 'p' }],
    });
    expect(config.targets).toEqual([{ match: 'https://a.example', mode: 'page' }]);
    expect(config.baggage).toEqual([{ key: 'k', value: 'v' }]);
  });

  test('ratio -0 becomes 0', () => {
    expect(Object.is(valid({ sampling: { ratio: -0 } }).sampling.ratio, 0)).toBe(true);
  });

  test('version 1 and no version both read as the current version', () => {
    expect(valid({ version: 1 })).toEqual(DEFAULT_CONFIG);
  });
});

describe('parseConfig: errors', () => {
  test('collects every error, in field order', () => {
    expect(
      errorsOf({
        enabled: 'on',
        sites: ['https://ok.example', 'nope'],
        targets: [{ match: 'https://a.example', mode: 'both' }],
        propagators: { b3: 'double', jaeger: 'yes' },
        baggage: [{ key: 'a b', value: 'x' }],
        sampling: { mode: 'ratio', ratio: 2 },
        existingHeader: 'merge',
      }),
    ).toEqual([
      'enabled: must be true or false, got "on"',
      'sites[1]: "nope": expected scheme://host[:port], e.g. "https://app.example.com"',
      'targets[0].mode: must be "page" or "network", got "both"',
      'propagators.b3: must be "off", "single" or "multi", got "double"',
      'propagators.jaeger: must be true or false, got "yes"',
      'baggage[0]: key "a b" is not a token (space at 2)',
      'sampling.ratio: must be a number from 0 to 1, got 2',
      'existingHeader: must be "keep" or "replace", got "merge"',
    ]);
  });

  test('more than 64 baggage entries are refused', () => {
    const baggage = Array.from({ length: 65 }, (_, i) => ({ key: `k${String(i)}`, value: 'v' }));
    expect(errorsOf({ baggage })).toEqual([
      'baggage: 65 entries; the baggage header carries at most 64',
    ]);
    expect(parseConfig({ baggage: baggage.slice(0, 64) }).ok).toBe(true);
  });

  test('baggage over 8192 bytes is refused, counting the encoded form', () => {
    // Each member "kN=" + 1000 × "%20" is 3 + 3000 bytes; three of them plus commas pass 8192.
    const baggage = [1, 2, 3].map((i) => ({ key: `k${String(i)}`, value: ' '.repeat(1000) }));
    expect(errorsOf({ baggage })).toEqual([
      'baggage: the entries take 9011 bytes in the baggage header; at most 8192 are sent',
    ]);
    expect(parseConfig({ baggage: baggage.slice(0, 2) }).ok).toBe(true);
  });

  test('one entry over the byte limit is named by the entry check', () => {
    expect(errorsOf({ baggage: [{ key: 'k', value: 'x'.repeat(8200) }] })).toEqual([
      'baggage[0]: entry "k" is 8202 bytes encoded; OpenTelemetry drops baggage entries over 4096 bytes',
    ]);
  });

  test('a throwing getter yields an error, not an exception', () => {
    const hostile = {
      get enabled(): boolean {
        throw new Error('boom');
      },
    };
    expect(errorsOf(hostile)).toEqual(['settings could not be read: accessing a field failed']);
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(errorsOf(revoked.proxy)).toEqual([
      'settings could not be read: accessing a field failed',
    ]);
  });
});

describe('parseConfig: list caps (what the browser rules can hold)', () => {
  const sites = (n: number) =>
    Array.from({ length: n }, (_, i) => `https://s${String(i)}.example.com`);
  const targets = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      match: `https://t${String(i)}.example.com`,
      mode: 'network',
    }));

  test('50 sites and 50 targets fit', () => {
    const config = valid({ sites: sites(MAX_SITES), targets: targets(MAX_TARGETS) });
    expect([config.sites.length, config.targets.length]).toEqual([50, 50]);
  });

  test('one more of each is refused with the reason', () => {
    expect(errorsOf({ sites: sites(51), targets: targets(51) })).toEqual([
      "sites: 51 patterns; at most 50 fit in the browser's request rules",
      "targets: 51 patterns; at most 50 fit in the browser's request rules",
    ]);
  });

  test('sites are counted after duplicates are dropped', () => {
    const spellings = [
      'https://a.example.com',
      'HTTPS://A.example.com/',
      'https://a.example.com:443',
    ];
    const list = Array.from({ length: 60 }, (_, i) => spellings[i % 3]);
    expect(valid({ sites: list }).sites).toEqual(['https://a.example.com']);
  });

  test('50,000 sites give the one cap error (deduplication is a set, not a scan per item)', () => {
    expect(errorsOf({ sites: sites(50_000) })).toEqual([
      "sites: 50000 patterns; at most 50 fit in the browser's request rules",
    ]);
  });
});
