import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  destinationMode,
  isSiteEnabled,
  matchesOrigin,
  parseOriginPattern,
  type Config,
} from '../../../src/core/config';
import { configArb, FC_OPTIONS } from './arbitraries';

describe('destinationMode: invariant 1 for any config', () => {
  const hostArb = fc.constantFrom(
    'app.example.com',
    'api.example.com',
    'x.api.example.com',
    'evil.com',
    'localhost',
    '127.0.0.1',
    '[::1]',
  );
  const urlArb = fc
    .record({
      scheme: fc.constantFrom('http', 'https', 'HTTPS'),
      userinfo: fc.constantFrom('', 'u@', 'api.example.com@', 'app.example.com:443@'),
      host: hostArb,
      port: fc.constantFrom('', ':80', ':443', ':3000', ':8080'),
      rest: fc.constantFrom(
        '/',
        '/p?q=https://api.example.com/',
        '#@app.example.com',
        '\\@api.example.com/',
      ),
    })
    .map((u) => `${u.scheme}://${u.userinfo}${u.host}${u.port}${u.rest}`);

  /** The origin a browser sends the request to (Node's WHATWG URL), or null. */
  function browserOrigin(url: string): string | null {
    try {
      const parsed = new URL(url);
      return parsed.protocol.startsWith('http') ? parsed.origin : null;
    } catch {
      return null;
    }
  }

  const poolPatternArb = fc
    .record({
      scheme: fc.constantFrom('http', 'https', '*'),
      host: fc.oneof(hostArb, fc.constantFrom('*', '*.example.com', '*.api.example.com')),
      port: fc.constantFrom('', ':*', ':3000', ':8080', ':443'),
    })
    .map(({ scheme, host, port }) => `${scheme}://${host}${port}`);
  const poolConfigArb = fc
    .tuple(
      configArb,
      fc.uniqueArray(poolPatternArb, { maxLength: 3 }),
      fc.uniqueArray(
        fc.record({
          match: poolPatternArb,
          mode: fc.constantFrom('page' as const, 'network' as const),
        }),
        { maxLength: 3, selector: (t) => t.match },
      ),
    )
    .map(([config, sites, targets]): Config => ({ ...config, enabled: true, sites, targets }));

  /** A page URL and a request URL, which is often the page's origin or a disguise of it. */
  const pageAndUrlArb = urlArb.chain((page) => {
    const origin = browserOrigin(page) ?? 'https://app.example.com';
    return fc.tuple(
      fc.constant(page),
      fc.oneof(
        urlArb,
        fc.constantFrom(
          `${origin}/api`,
          `${origin}.evil.com/api`,
          `${origin}@evil.com/`,
          `${origin}:1@evil.com/`,
        ),
      ),
    );
  });

  test('any config: headers only ever go to the page origin or a listed target', () => {
    let injected = 0;
    fc.assert(
      fc.property(poolConfigArb, pageAndUrlArb, fc.boolean(), (pool, [page, url], addPage) => {
        // Half the time the page is a site, so that many requests are judged at all.
        const pageOrigin = browserOrigin(page);
        const config =
          addPage && pageOrigin !== null ? { ...pool, sites: [...pool.sites, pageOrigin] } : pool;
        const mode = destinationMode(config, page, url);
        if (mode === null) return;
        injected++;
        const destination = browserOrigin(url);
        expect(destination).not.toBeNull();
        if (destination === null) return;
        const listed = config.targets.some((t) => {
          const pattern = parseOriginPattern(t.match);
          return typeof pattern !== 'string' && matchesOrigin(pattern, destination);
        });
        expect(destination === browserOrigin(page) || listed).toBe(true);
        expect(isSiteEnabled(config, page)).toBe(true);
      }),
      FC_OPTIONS,
    );
    // The property is only worth something if some requests do get headers.
    if (FC_OPTIONS.numRuns >= 100) expect(injected).toBeGreaterThan(FC_OPTIONS.numRuns / 20);
  });
});
