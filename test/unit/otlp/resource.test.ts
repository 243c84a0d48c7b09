import { describe, expect, test } from 'vitest';
import { DEFAULT_EXPORT } from '../../../src/core/config/parse-export';
import {
  exportResource,
  TELEMETRY_SDK_LANGUAGE,
  TELEMETRY_SDK_NAME,
} from '../../../src/core/otlp/resource';

const SCOPE = { name: 'Trace Capture', version: '0.3.0' };
const CHROMIUM = {
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/143.0.0.0 Safari/537.36',
  brands: ['Chromium 143', 'Not A(Brand 24'],
  platform: 'Linux',
  mobile: false,
  language: 'en-GB',
};

describe('exportResource', () => {
  test('service.name, the SDK naming this extension, and what Chromium tells', () => {
    expect(exportResource({ ...DEFAULT_EXPORT, serviceName: 'shop' }, CHROMIUM, SCOPE)).toEqual({
      'service.name': 'shop',
      'telemetry.sdk.name': TELEMETRY_SDK_NAME,
      'telemetry.sdk.language': TELEMETRY_SDK_LANGUAGE,
      'telemetry.sdk.version': '0.3.0',
      'user_agent.original': CHROMIUM.userAgent,
      'browser.brands': ['Chromium 143', 'Not A(Brand 24'],
      'browser.platform': 'Linux',
      'browser.mobile': false,
      'browser.language': 'en-GB',
    });
  });

  test('Firefox tells only its user agent and language: nothing is made up for the rest', () => {
    const resource = exportResource(
      DEFAULT_EXPORT,
      {
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
        language: 'de',
      },
      SCOPE,
    );
    expect(Object.keys(resource).filter((k) => k.startsWith('browser.'))).toEqual([
      'browser.language',
    ]);
    expect(resource['service.name']).toBe('browser');
  });

  test('empty brands, platform or language are left out, mobile true is kept', () => {
    const resource = exportResource(
      DEFAULT_EXPORT,
      { userAgent: 'x', brands: [], platform: '', language: '', mobile: true },
      SCOPE,
    );
    expect(resource).not.toHaveProperty('browser.brands');
    expect(resource).not.toHaveProperty('browser.platform');
    expect(resource).not.toHaveProperty('browser.language');
    expect(resource['browser.mobile']).toBe(true);
  });

  test("the user's resource attributes come last and may replace the browser's", () => {
    const resource = exportResource(
      {
        ...DEFAULT_EXPORT,
        resourceAttributes: {
          'deployment.environment.name': 'staging',
          'browser.language': 'fr',
          'x.n': 3,
        },
      },
      CHROMIUM,
      SCOPE,
    );
    expect(resource).toMatchObject({
      'deployment.environment.name': 'staging',
      'browser.language': 'fr',
      'x.n': 3,
      'service.name': 'browser',
    });
  });
});
