import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_CONFIG,
  destinationMode,
  isSiteEnabled,
  propagationSettings,
  type Config,
} from '../../../src/core/config';
import { createInjector } from '../../../src/core/propagation';
import { configArb, FC_OPTIONS } from './arbitraries';

const CONFIG: Config = {
  ...DEFAULT_CONFIG,
  sites: ['https://app.example.com', 'http://localhost:*'],
  targets: [
    { match: 'https://api.example.com', mode: 'network' },
    { match: 'https://*.cdn.example.com', mode: 'page' },
    { match: 'http://localhost:8080', mode: 'page' },
  ],
  baggage: [{ key: 'user.id', value: '12345' }],
};

describe('isSiteEnabled', () => {
  test.each([
    ['https://app.example.com', true],
    ['https://app.example.com/some/page?q', true],
    ['https://APP.example.com:443', true],
    ['http://localhost:3000', true],
    ['http://localhost', true],
    ['https://app.example.com:8443', false],
    ['http://app.example.com', false],
    ['https://other.example.com', false],
    ['null', false],
    ['', false],
    ['about:blank', false],
    ['file:///tmp/x.html', false],
  ])('%s → %s', (origin, expected) => {
    expect(isSiteEnabled(CONFIG, origin)).toBe(expected);
  });

  test('the global switch turns every site off', () => {
    expect(isSiteEnabled({ ...CONFIG, enabled: false }, 'https://app.example.com')).toBe(false);
  });

  test('first install enables nothing', () => {
    expect(isSiteEnabled(DEFAULT_CONFIG, 'https://app.example.com')).toBe(false);
  });
});

describe('destinationMode: invariant 1 (no headers to third parties)', () => {
  const APP = 'https://app.example.com';
  test.each([
    // Same origin: the page hook.
    ['https://app.example.com/api/x', 'page'],
    ['https://APP.EXAMPLE.COM/api/x', 'page'],
    ['https://app.example.com:443/api', 'page'],
    ['https://user@app.example.com/api', 'page'],
    // Listed targets, in their mode.
    ['https://api.example.com/v1', 'network'],
    ['https://api.example.com:443/v1', 'network'],
    ['https://img.cdn.example.com/a.png', 'page'],
    ['http://localhost:8080/api', 'page'],
    // Everything else gets nothing.
    ['http://app.example.com/api', null],
    ['https://app.example.com:8443/api', null],
    ['https://api.example.com:8443/v1', null],
    ['http://api.example.com/v1', null],
    ['https://api.example.com@evil.com/', null],
    ['https://api.example.com:443@evil.com/', null],
    ['https://app.example.com@evil.com/', null],
    ['https://evil.com\\@api.example.com/', null],
    ['https://evil.com/?next=https://api.example.com/', null],
    ['https://evil.com/#https://api.example.com/', null],
    ['https://evil.com/https://api.example.com/', null],
    ['https://api.example.com.evil.com/', null],
    ['https://app.example.com.evil.com/', null],
    ['https://evilapi.example.com/', null],
    ['https://api.example.com./v1', null],
    ['https://app.example.com./api', null],
    ['https://cdn.example.com/a.png', null],
    ['https://a.b.cdn.example.com/a.png', null],
    ['https://img.cdn.example.com.evil.com/', null],
    ['http://localhost:8081/api', null],
    ['http://localhost/api', null],
    ['https://evil.com/', null],
    ['javascript:fetch("https://api.example.com/")', null],
    ['data:text/html,<script>fetch("https://api.example.com")</script>', null],
    ['blob:https://app.example.com/0b0e', null],
    ['/api/relative', null],
    ['api/relative', null],
    ['//api.example.com/v1', null],
    ['https:api.example.com', null],
    ['https:///api.example.com', null],
    ['HTTPS://API.EXAMPLE.COM%2eevil.com/', null],
    ['https://api.exa\tmple.com/', null],
    ['ws://api.example.com/', null],
    ['', null],
  ])('from %s: %s → %s', (url, expected) => {
    expect(destinationMode(CONFIG, APP, url)).toBe(expected);
  });

  test('sites are pages, not destinations: another localhost port gets nothing', () => {
    expect(destinationMode(CONFIG, 'http://localhost:3000', 'http://localhost:3000/a')).toBe(
      'page',
    );
    expect(destinationMode(CONFIG, 'http://localhost:3000', 'http://localhost:4000/a')).toBeNull();
    expect(destinationMode(CONFIG, 'http://localhost:3000', 'https://app.example.com/')).toBeNull();
  });

  test('a page that is not enabled sends nothing, even to targets', () => {
    for (const url of ['https://other.example.com/', 'https://api.example.com/']) {
      expect(destinationMode(CONFIG, 'https://other.example.com', url)).toBeNull();
    }
  });

  test('the global switch off sends nothing', () => {
    const off = { ...CONFIG, enabled: false };
    expect(destinationMode(off, APP, 'https://app.example.com/')).toBeNull();
    expect(destinationMode(off, APP, 'https://api.example.com/')).toBeNull();
  });

  test('opaque or odd page origins send nothing', () => {
    for (const page of ['null', '', 'about:blank', 'data:text/html,x', 'chrome://newtab']) {
      expect(destinationMode(CONFIG, page, 'https://api.example.com/')).toBeNull();
    }
  });

  test('network targets win over page targets and over the page origin', () => {
    const config: Config = {
      ...DEFAULT_CONFIG,
      sites: ['http://localhost:*'],
      targets: [
        { match: 'http://localhost:*', mode: 'page' },
        { match: 'http://localhost:8080', mode: 'network' },
      ],
    };
    expect(destinationMode(config, 'http://localhost:3000', 'http://localhost:9/')).toBe('page');
    expect(destinationMode(config, 'http://localhost:3000', 'http://localhost:8080/')).toBe(
      'network',
    );
    expect(destinationMode(config, 'http://localhost:8080', 'http://localhost:8080/')).toBe(
      'network',
    );
  });

  test('a hand-built config with a broken pattern matches nothing through it', () => {
    const config: Config = {
      ...DEFAULT_CONFIG,
      sites: ['app.example.com', 'https://app.example.com'],
      targets: [{ match: 'https://api.example.com/v1', mode: 'page' }],
    };
    expect(destinationMode(config, APP, 'https://api.example.com/v1')).toBeNull();
    expect(isSiteEnabled({ ...config, sites: ['app.example.com'] }, APP)).toBe(false);
  });
});

describe('propagationSettings', () => {
  test('maps every field the injector reads', () => {
    const config: Config = {
      ...CONFIG,
      propagators: {
        traceparent: false,
        baggage: true,
        tracestate: 'vendor=1',
        b3: 'multi',
        jaeger: true,
        debug: true,
      },
      sampling: { mode: 'ratio', ratio: 0.25 },
      existingHeader: 'replace',
    };
    expect(propagationSettings(config)).toEqual({
      traceparent: false,
      baggage: true,
      tracestate: 'vendor=1',
      b3: 'multi',
      jaeger: true,
      debug: true,
      baggageEntries: [{ key: 'user.id', value: '12345' }],
      sampling: { mode: 'ratio', ratio: 0.25 },
      existingHeader: 'replace',
    });
  });

  test('the injector built from it writes the configured headers', () => {
    const injector = createInjector(
      propagationSettings({ ...CONFIG, propagators: { ...CONFIG.propagators, b3: 'single' } }),
    );
    const headers = injector.headersFor({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: 1,
    });
    expect(headers).toEqual({
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      b3: '4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1',
      baggage: 'user.id=12345',
    });
  });

  test('is JSON-serializable as is', () => {
    fc.assert(
      fc.property(configArb, (config) => {
        const settings = propagationSettings(config);
        expect(JSON.parse(JSON.stringify(settings))).toEqual(settings);
      }),
      FC_OPTIONS,
    );
  });
});
