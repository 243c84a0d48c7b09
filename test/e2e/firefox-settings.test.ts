import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testConfig } from '../support/extension-config';
import { launchFirefox, type FirefoxSession } from '../support/firefox';
import { poll } from '../support/poll';
import { traceparentFields } from '../support/propagation-check';
import { HOST_NAMES, startTraceServers, type TraceServers } from '../support/trace-servers';

describe('Firefox: settings removed while the add-on was not running', () => {
  let firefox: FirefoxSession;
  let servers: TraceServers;

  beforeAll(async () => {
    servers = await startTraceServers();
    // A profile whose `config` key was removed: only the last good settings are left.
    firefox = await launchFirefox({
      storage: { configLastGood: testConfig() },
      loopbackHosts: HOST_NAMES,
    });
  });
  afterAll(async () => {
    await firefox.close();
    await servers.close();
  });

  test('start-up restores the last good settings instead of the defaults, and injects by them', async () => {
    const stored = await poll(async () => (await firefox.readStorage())?.['config']);
    expect(stored).toMatchObject(testConfig());
    const page = await firefox.browser.newPage();
    await page.goto(servers.url('app', '/'));
    servers.clear();
    await page.evaluate((url) => fetch(url).then((r) => r.text()), servers.url('app', '/echo'));
    expect(
      traceparentFields(servers.received('app', '/echo')[0]?.headers.traceparent),
    ).not.toBeNull();
  });
});
