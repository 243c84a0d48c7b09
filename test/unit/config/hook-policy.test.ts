import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_CONFIG,
  destinationMode,
  hookDestinations,
  hookMatches,
  hookSettings,
  propagationSettings,
  type Config,
  type HookSettings,
} from '../../../src/core/config';
import { configArb, FC_OPTIONS, SAMPLE_URLS, targetArb } from './arbitraries';

/**
 * The page hook's destination check as one function of any text: the lists the bridge compiles
 * (hookDestinations) and the comparison the hook runs (hookMatches) on a URL serialized as the
 * browser would serialize it; relative URLs are refused, as the hook resolves them first.
 */
function compileHookPolicy(settings: HookSettings, pageOrigin: string): (url: string) => boolean {
  const lists = hookDestinations(settings, pageOrigin);
  if (lists === null) return () => false;
  return (requestUrl) => {
    let href: string;
    try {
      href = new URL(requestUrl).href;
    } catch {
      return false;
    }
    return hookMatches(lists.page, lists.network, href);
  };
}

const hookAllows = (settings: HookSettings, pageOrigin: string, url: string) =>
  compileHookPolicy(settings, pageOrigin)(url);

const CONFIG: Config = {
  ...DEFAULT_CONFIG,
  sites: ['https://app.example.com'],
  targets: [
    { match: 'https://api.example.com', mode: 'network' },
    { match: 'https://*.example.com', mode: 'page' },
  ],
  baggage: [{ key: 'user.id', value: 'secret-42' }],
};
const APP = 'https://app.example.com';

describe('hookSettings', () => {
  test('never carries the export section: its headers hold backend credentials', () => {
    const withKey: Config = {
      ...CONFIG,
      export: { ...CONFIG.export, headers: { 'x-honeycomb-team': 'hc-secret-key' } },
    };
    const text = JSON.stringify(hookSettings(withKey, APP));
    expect(text).not.toContain('hc-secret-key');
    expect(text).not.toContain(CONFIG.export.endpoint);
  });

  test('an enabled page gets its targets by mode and the propagation settings', () => {
    expect(hookSettings(CONFIG, APP)).toEqual({
      active: true,
      pageTargets: ['https://*.example.com'],
      networkTargets: ['https://api.example.com'],
      propagation: propagationSettings(CONFIG),
    });
  });

  test.each([
    ['a page that is not enabled', CONFIG, 'https://evil.com'],
    ['any page with the switch off', { ...CONFIG, enabled: false }, APP],
    ['an opaque origin', CONFIG, 'null'],
  ])('%s learns nothing about the settings', (_name, config, page) => {
    const settings = hookSettings(config, page);
    expect(settings.active).toBe(false);
    expect(settings.pageTargets).toEqual([]);
    expect(settings.networkTargets).toEqual([]);
    expect(JSON.stringify(settings)).not.toContain('secret-42');
    expect(JSON.stringify(settings)).not.toContain('example.com');
  });

  test('network targets that cannot be the page or a page target are not told', () => {
    const config: Config = {
      ...CONFIG,
      targets: [
        ...CONFIG.targets,
        { match: 'https://orders.other-site.net', mode: 'network' },
        { match: 'http://api.example.com', mode: 'network' },
      ],
    };
    expect(hookSettings(config, APP).networkTargets).toEqual(['https://api.example.com']);
  });

  test.each([
    ['a frame of an enabled site in a page that is not enabled', APP, 'https://evil.com'],
    ['a frame of an enabled site in another enabled site', APP, 'https://api.example.com'],
  ])('%s learns nothing', (_name, frame, top) => {
    const config = { ...CONFIG, sites: [APP, 'https://api.example.com'] };
    const settings = hookSettings(config, frame, top);
    expect(settings.active).toBe(false);
    expect(JSON.stringify(settings)).not.toContain('secret-42');
  });

  test('a same-origin frame of the enabled page is active', () => {
    expect(hookSettings(CONFIG, APP, `${APP}/top-level/page`).active).toBe(true);
  });

  test('is JSON-serializable as is', () => {
    fc.assert(
      fc.property(configArb, (config) => {
        const settings = hookSettings({ ...config, sites: ['https://app.example.com'] }, APP);
        expect(JSON.parse(JSON.stringify(settings))).toEqual(settings);
      }),
      FC_OPTIONS,
    );
  });
});

describe('compileHookPolicy', () => {
  const allows = compileHookPolicy(hookSettings(CONFIG, APP), APP);

  test.each([
    ['https://app.example.com/api', true],
    ['https://cdn.example.com/x.js', true],
    ['https://api.example.com/v1', false], // the declarative rule's job
    ['https://a.b.example.com/', false],
    ['https://evil.com/', false],
    ['https://api.example.com@evil.com/', false],
    ['https://cdn.example.com.evil.com/', false],
    ['/relative', false],
    ['javascript:void 0', false],
    ['HTTPS://CDN.Example.COM:443/x', true],
    ['https://app.example.com:443/api', true],
    ['https://user:pw@cdn.example.com/', true],
    ['https://cdn.example.com:8443/', false],
    ['blob:https://app.example.com/1', false],
  ])('%s → %s', (url, expected) => {
    expect(allows(url)).toBe(expected);
    expect(hookAllows(hookSettings(CONFIG, APP), APP, url)).toBe(expected);
  });

  test('inactive settings allow nothing, whatever they list', () => {
    const forged: HookSettings = { ...hookSettings(CONFIG, APP), active: false };
    expect(compileHookPolicy(forged, APP)(APP + '/api')).toBe(false);
  });

  test('forged settings from the page channel never throw and allow nothing new', () => {
    const forged = [
      { active: true, pageTargets: 'https://evil.com', networkTargets: null, propagation: {} },
      { active: true, pageTargets: [42, null, { match: 'x' }], networkTargets: [] },
      { active: 1, pageTargets: ['https://evil.com/path'], networkTargets: [[]] },
    ] as unknown as HookSettings[];
    for (const settings of forged) {
      const allows = compileHookPolicy(settings, APP);
      expect(allows('https://evil.com/')).toBe(false);
      expect(allows(undefined as unknown as string)).toBe(false);
    }
  });

  test('a page that is not http(s) allows nothing', () => {
    expect(compileHookPolicy(hookSettings(CONFIG, APP), 'null')(APP + '/api')).toBe(false);
  });

  test('allows exactly the requests destinationMode gives to the page hook', () => {
    const url = fc
      .tuple(
        fc.constantFrom('http', 'https'),
        fc.constantFrom('app', 'api', 'cdn', 'a.b', 'evil'),
        fc.constantFrom('.example.com', '.example.com.evil.com', '.com'),
        fc.constantFrom('', ':443', ':8080'),
      )
      .map(([scheme, sub, domain, port]) => `${scheme}://${sub}${domain}${port}/p`);
    const target = fc.record({
      match: fc.constantFrom(
        'https://api.example.com',
        'https://*.example.com',
        'http://*:8080',
        '*://cdn.example.com',
        'https://*',
      ),
      mode: fc.constantFrom('page' as const, 'network' as const),
    });
    fc.assert(
      fc.property(
        configArb,
        fc.uniqueArray(target, { maxLength: 3, selector: (t) => t.match }),
        url,
        url,
        (base, targets, page, request) => {
          const config = { ...base, sites: ['https://*.example.com', 'http://*:*'], targets };
          const settings = hookSettings(config, page);
          expect(compileHookPolicy(settings, page)(request)).toBe(
            destinationMode(config, page, request) === 'page',
          );
        },
      ),
      FC_OPTIONS,
    );
  });

  test('matches what the policy decides for any pattern, on URLs of many shapes', () => {
    const pages = [...new Set(SAMPLE_URLS.map((u) => new URL(u).origin))];
    fc.assert(
      fc.property(
        configArb,
        fc.array(targetArb, { maxLength: 4 }),
        fc.constantFrom(...pages),
        fc.constantFrom(...SAMPLE_URLS),
        (base, targets, page, request) => {
          const unique = targets.filter(
            (t, i) => targets.findIndex((u) => u.match === t.match) === i,
          );
          const config = { ...base, enabled: true, sites: [page], targets: unique };
          expect(compileHookPolicy(hookSettings(config, page), page)(request)).toBe(
            destinationMode(config, page, request) === 'page',
          );
        },
      ),
      FC_OPTIONS,
    );
  });
});
