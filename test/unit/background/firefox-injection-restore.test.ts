import { describe, expect, test } from 'vitest';
import { FirefoxInjection } from '../../../src/background/firefox-injection';
import { parseConfig } from '../../../src/core/config/parse';
import type { Config } from '../../../src/core/config/schema';
import type { OutgoingRequest } from '../../../src/platform/web-request';
import { testConfig } from '../../support/extension-config';

const random = (bytes: Uint8Array) => {
  bytes.fill(7);
};

function config(overrides: Record<string, unknown> = {}): Config {
  const parsed = parseConfig(testConfig(overrides));
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.config;
}

/** One hop of request `requestId` from a page on app.test, carrying the page's own traceparent. */
function hop(requestId: string, url: string): OutgoingRequest {
  return {
    requestId,
    url,
    method: 'GET',
    type: 'xmlhttprequest',
    tabId: 3,
    documentUrl: 'http://app.test:8080/',
    requestHeaders: [
      { name: 'Accept', value: '*/*' },
      { name: 'traceparent', value: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    ],
  };
}

describe('FirefoxInjection: requests in flight across a suspended background page', () => {
  const ON = config();
  const OFF = config({ sites: [] });
  const third = 'http://third.test:8080/echo';

  test("a new page takes over the old page's requests: their next hop is still stripped", () => {
    const old = new FirefoxInjection(random);
    old.update(ON);
    expect(old.rewrite(hop('1', 'http://app.test:8080/redirect'))).not.toBeNull();
    const handed = old.inFlight();
    expect(handed).toEqual(['1']);

    const fresh = new FirefoxInjection(random);
    fresh.update(OFF);
    fresh.restore(handed);
    expect(fresh.rewrite(hop('1', third))).toEqual([{ name: 'Accept', value: '*/*' }]);
    // Without the hand-over, the page (no longer enabled) would send its traceparent on.
    const forgetful = new FirefoxInjection(random);
    forgetful.update(OFF);
    forgetful.restore([]);
    expect(forgetful.rewrite(hop('1', third))).toBeNull();
  });

  test('a request that ended before the hand-over is not taken over', () => {
    const fresh = new FirefoxInjection(random);
    fresh.update(OFF);
    fresh.ended('1'); // its end woke the new page, before start-up read the list
    fresh.restore(['1', '2']);
    expect(fresh.inFlight()).toEqual(['2']);
    fresh.ended('2');
    expect(fresh.inFlight()).toEqual([]);
  });
});
