import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, parseConfig } from '../../../src/core/config';
import { DEFAULT_EXPORT } from '../../../src/core/config/parse-export';

const errorsOf = (exportSection: unknown) => {
  const result = parseConfig({ export: exportSection });
  return result.ok ? [] : result.errors;
};

describe('the export section', () => {
  test('defaults: a local Collector, JSON, no compression, service "browser", manual', () => {
    expect(DEFAULT_CONFIG.export).toEqual({
      endpoint: 'http://localhost:4318/v1/traces',
      protocol: 'json',
      compression: 'none',
      headers: {},
      serviceName: 'browser',
      resourceAttributes: {},
      auto: false,
      intervalSeconds: 60,
    });
    expect(DEFAULT_EXPORT).toBe(DEFAULT_CONFIG.export);
  });

  test('a SaaS setup parses as given', () => {
    const section = {
      endpoint: 'https://api.honeycomb.io/v1/traces',
      protocol: 'protobuf',
      compression: 'gzip',
      headers: { 'x-honeycomb-team': 'KEY' },
      serviceName: 'shop-frontend',
      resourceAttributes: { 'deployment.environment': 'staging', build: 42, canary: true },
      auto: true,
      intervalSeconds: 300,
    };
    const result = parseConfig({ export: section });
    expect(result.ok && result.config.export).toEqual(section);
  });

  test.each<[string, unknown, string]>([
    ['not a URL', { endpoint: 'collector' }, 'export.endpoint: "collector" is not a URL'],
    [
      'no scheme',
      { endpoint: 'localhost:4318/v1/traces' },
      'must be an http:// or https:// URL, for example "http://localhost:4318/v1/traces"',
    ],
    ['ftp', { endpoint: 'ftp://collector/v1/traces' }, 'must be an http:// or https:// URL'],
    [
      'credentials in the URL',
      { endpoint: 'https://u:p@collector/v1/traces' },
      'must not hold credentials; put them in export.headers',
    ],
    [
      'no path',
      { endpoint: 'http://localhost:4318' },
      'has no path; OTLP/HTTP traces go to http://localhost:4318/v1/traces',
    ],
    ['protocol', { protocol: 'grpc' }, 'export.protocol: must be "json" or "protobuf", got "grpc"'],
    [
      'compression',
      { compression: 'br' },
      'export.compression: must be "none" or "gzip", got "br"',
    ],
    [
      'a reserved header',
      { headers: { 'Content-Type': 'text/plain' } },
      'is set by the exporter itself',
    ],
    ['a header name with a space', { headers: { 'x key': 'v' } }, 'is not a header name'],
    [
      'a header value with a newline',
      { headers: { 'x-key': 'a\nb' } },
      'must be text of at most 4096 characters on one line',
    ],
    [
      'service.name among the attributes',
      { resourceAttributes: { 'service.name': 'x' } },
      'set export.serviceName instead',
    ],
    [
      'an object attribute',
      { resourceAttributes: { team: { a: 1 } } },
      'must be text, a finite number or true/false',
    ],
    [
      'an empty service name',
      { serviceName: ' ' },
      'export.serviceName: must be 1 to 256 characters',
    ],
    [
      'an interval below what alarms allow',
      { intervalSeconds: 5 },
      'must be a whole number of seconds from 30 to 86400',
    ],
  ])('%s is refused with the reason', (_name, section, reason) => {
    expect(errorsOf(section).join('\n')).toContain(reason);
  });

  test('a resource attribute of -0 is kept as 0, as storage gives it back (found by fuzzing)', () => {
    const result = parseConfig({ export: { resourceAttributes: { build: -0 } } });
    expect(result.ok && Object.is(result.config.export.resourceAttributes['build'], 0)).toBe(true);
  });

  test('every problem is reported at once', () => {
    expect(errorsOf({ protocol: 'grpc', compression: 'br', auto: 'yes' })).toHaveLength(3);
  });
});
