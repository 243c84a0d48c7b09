import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../../src/core/config';
import { DEFAULT_EXPORT, type ExportConfig } from '../../../src/core/config/parse-export';
import {
  draftFromConfig,
  draftToConfig,
  isDirty,
  parseInterval,
  resourceAttributesHint,
  reviewDraft,
  setExportField,
  type DraftExport,
} from '../../../src/popup/model';
import { FC_OPTIONS, configArb } from '../config/arbitraries';
import { sampleConfig } from './fixtures';

const SAAS: ExportConfig = {
  endpoint: 'https://api.honeycomb.io/v1/traces',
  protocol: 'protobuf',
  compression: 'gzip',
  headers: { 'x-honeycomb-team': 'KEY', 'x-pad': ' spaced ' },
  serviceName: 'shop-frontend',
  resourceAttributes: { 'deployment.environment': 'staging', build: 42, canary: true },
  auto: true,
  intervalSeconds: 300,
};
const saved = sampleConfig({ export: SAAS });
const clean = draftFromConfig(saved);

function edited<K extends keyof DraftExport>(name: K, value: DraftExport[K]) {
  return setExportField(clean, name, value);
}

describe('export settings in the draft', () => {
  test('the draft holds the settings as text', () => {
    expect(clean.export).toEqual({
      endpoint: 'https://api.honeycomb.io/v1/traces',
      protocol: 'protobuf',
      compression: 'gzip',
      serviceName: 'shop-frontend',
      headers: 'x-honeycomb-team: KEY\nx-pad:  spaced ',
      auto: true,
      interval: '300',
    });
  });

  test('round trip of a saved config gives it back, headers with spaces included', () => {
    expect(draftToConfig(clean, saved)).toEqual(saved);
    expect(draftToConfig(clean, saved).export.headers).toBe(SAAS.headers);
    expect(isDirty(clean, saved)).toBe(false);
  });

  test('round trip of any valid config gives it back, clean and without issues', () => {
    fc.assert(
      fc.property(configArb, (config) => {
        const draft = draftFromConfig(config);
        expect(draftToConfig(draft, config)).toEqual(config);
        expect(isDirty(draft, config)).toBe(false);
        expect(reviewDraft(draft, config, null).issues).toEqual([]);
      }),
      FC_OPTIONS,
    );
  });

  test('resource attributes always come from the saved settings', () => {
    const other = sampleConfig({ export: { ...SAAS, resourceAttributes: { team: 'b' } } });
    expect(draftToConfig(clean, other).export.resourceAttributes).toEqual({ team: 'b' });
  });

  test('edited fields reach the config', () => {
    let draft = edited('endpoint', 'http://localhost:4318/v1/traces');
    draft = setExportField(draft, 'protocol', 'json');
    draft = setExportField(draft, 'compression', 'none');
    draft = setExportField(draft, 'serviceName', 'web');
    draft = setExportField(draft, 'headers', 'Authorization: Bearer t');
    draft = setExportField(draft, 'auto', false);
    draft = setExportField(draft, 'interval', ' 45 ');
    expect(draftToConfig(draft, saved).export).toEqual({
      ...SAAS,
      endpoint: 'http://localhost:4318/v1/traces',
      protocol: 'json',
      compression: 'none',
      serviceName: 'web',
      headers: { Authorization: 'Bearer t' },
      auto: false,
      intervalSeconds: 45,
    });
  });

  test('an unreadable interval is NaN, so the config parser refuses it', () => {
    const config = draftToConfig(edited('interval', '10'), saved);
    expect(config.export.intervalSeconds).toBeNaN();
    expect(parseConfig(config).ok).toBe(false);
  });

  test.each<[string, DraftExport[keyof DraftExport], keyof DraftExport]>([
    ['the endpoint', 'https://api.honeycomb.io/v1/traces/', 'endpoint'],
    ['the protocol', 'json', 'protocol'],
    ['the compression', 'none', 'compression'],
    ['the service name', 'shop', 'serviceName'],
    ['a header value', 'x-honeycomb-team: OTHER\nx-pad:  spaced ', 'headers'],
    [
      'a header line that cannot be read',
      'x-honeycomb-team: KEY\nx-pad:  spaced \nbroken',
      'headers',
    ],
    ['auto-export', false, 'auto'],
    ['the interval', '301', 'interval'],
    ['an unreadable interval', '', 'interval'],
  ])('changing %s makes the draft dirty', (_, value, name) => {
    const draft = setExportField(clean, name, value as never);
    expect(isDirty(draft, saved)).toBe(true);
    expect(reviewDraft(draft, saved, null).export.dirty).toBe(true);
  });

  test('rewriting the headers to the same ones, in another order or spacing, is clean', () => {
    const plain = sampleConfig({ export: { ...SAAS, headers: { a: '1', b: '2' } } });
    const draft = setExportField(draftFromConfig(plain), 'headers', 'b:2\n\n a : 1 ');
    expect(isDirty(draft, plain)).toBe(false);
    expect(isDirty(setExportField(draftFromConfig(plain), 'interval', '300.0'), plain)).toBe(false);
  });
});

describe('parseInterval', () => {
  test.each([
    ['30', 30],
    [' 60 ', 60],
    ['86400', 86_400],
    ['1e2', 100],
  ])('%j is %d', (text, seconds) => {
    expect(parseInterval(text)).toBe(seconds);
  });

  test.each(['', ' ', '29', '86401', '30.5', '-60', 'abc', 'Infinity'])('%j is refused', (text) => {
    expect(parseInterval(text)).toBeNull();
  });
});

describe('review of the export settings', () => {
  const review = (draft: typeof clean) => reviewDraft(draft, saved, null);

  test('a clean draft has no export errors', () => {
    expect(review(clean).export).toEqual({
      endpoint: null,
      serviceName: null,
      headers: [],
      interval: null,
      dirty: false,
    });
  });

  test.each<[string, string, string]>([
    ['blank', '  ', 'enter the OTLP/HTTP traces URL, e.g. http://localhost:4318/v1/traces'],
    ['not a URL', 'collector', 'is not a URL; for example "http://localhost:4318/v1/traces"'],
    [
      'no path',
      'http://localhost:4318',
      'has no path; OTLP/HTTP traces go to http://localhost:4318/v1/traces',
    ],
    [
      'credentials',
      'https://u:p@c.example/v1/traces',
      'must not hold credentials; put them in export.headers',
    ],
    [
      'ftp',
      'ftp://c.example/v1/traces',
      'must be an http:// or https:// URL, for example "http://localhost:4318/v1/traces"',
    ],
  ])('endpoint %s', (_, endpoint, error) => {
    const r = review(edited('endpoint', endpoint));
    expect(r.export.endpoint).toBe(error);
    expect(r.issues).toEqual([`Endpoint: ${error}`]);
    expect(r.save.enabled).toBe(false);
  });

  test.each(['10', '', '30.5', '86401'])('interval %j', (interval) => {
    const r = review(edited('interval', interval));
    const error = 'enter a whole number of seconds from 30 to 86400';
    expect(r.export.interval).toBe(error);
    expect(r.issues).toEqual([`Interval: ${error}`]);
    expect(r.save.enabled).toBe(false);
  });

  test('service name', () => {
    const r = review(edited('serviceName', ' '));
    expect(r.export.serviceName).toBe('must be 1 to 256 characters');
    expect(r.issues).toEqual(['Service name: must be 1 to 256 characters']);
  });

  test('header lines: one error per line, each in the Save bar', () => {
    const r = review(edited('headers', 'ok: 1\nbroken\nHost: x'));
    expect(r.export.headers).toEqual([
      'line 2: expected Name: value',
      'line 3: "Host" is set by the exporter itself',
    ]);
    expect(r.issues).toEqual([
      'Export headers: line 2: expected Name: value',
      'Export headers: line 3: "Host" is set by the exporter itself',
    ]);
    expect(r.save.enabled).toBe(false);
  });

  test('a valid change can be saved, as the parser normalises it', () => {
    const r = review(edited('endpoint', ' HTTPS://Collector.Example.com:443/v1/traces '));
    expect(r.issues).toEqual([]);
    expect(r.save.enabled && r.save.config.export.endpoint).toBe(
      'https://collector.example.com/v1/traces',
    );
  });
});

describe('resourceAttributesHint', () => {
  test('says where they are set, with the count when there are any', () => {
    expect(resourceAttributesHint(SAAS)).toBe(
      'Resource attributes (3): set them in the settings JSON (docs/config.md).',
    );
    expect(resourceAttributesHint(DEFAULT_EXPORT)).toBe(
      'Resource attributes: set them in the settings JSON (docs/config.md).',
    );
  });
});
