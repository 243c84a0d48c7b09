import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { launchChromium, openPopup, type ChromiumSession } from '../support/chromium';
import { applyConfig, testConfig } from '../support/extension-config';
import { tabIdOf } from '../support/extension-state';
import { poll } from '../support/poll';
import { traceparentFields } from '../support/propagation-check';
import { HOST_NAMES, startTraceServers, type TraceServers } from '../support/trace-servers';

describe('Chromium: settings written or removed behind the popup', () => {
  let browser: ChromiumSession;
  let servers: TraceServers;
  let app: Page;

  const stored = () => browser.worker.evaluate(async () => chrome.storage.local.get(null));

  const openAppPopup = async () => openPopup(browser, await tabIdOf(browser.worker, app.url()));

  beforeAll(async () => {
    servers = await startTraceServers();
    browser = await launchChromium({ loopbackHosts: HOST_NAMES });
    app = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser.close();
    await servers.close();
  });
  beforeEach(async () => {
    await applyConfig(browser.worker, testConfig());
    await app.goto(servers.url('app', '/'));
  });

  test('a refused direct write reaches the popup, though storage echoes the restore reordered', async () => {
    const invalid = { ...testConfig(), sampling: { mode: 'sometimes' } };
    await browser.worker.evaluate(
      async (value) => chrome.storage.local.set({ config: value }),
      invalid,
    );
    await poll(async () => ((await stored())['configRejected'] === undefined ? undefined : true));
    const popup = await openAppPopup();
    const banner = popup.getByRole('complementary', { name: 'Settings problem' });
    await expect.poll(() => banner.textContent()).toMatch(/A settings write was refused/);
    await expect.poll(() => banner.textContent()).toMatch(/sampling\.mode: must be/);
    await popup.close();
  });

  test('removing the settings restores the last good ones everywhere, and says so', async () => {
    const before = (await stored())['config'] as Record<string, unknown>;
    await browser.worker.evaluate(async () => chrome.storage.local.remove('config'));
    const restored = await poll(async () => (await stored())['config']);
    // Restored in its parsed form: every field written before, defaults filled in.
    expect(restored).toMatchObject(before);
    const popup = await openAppPopup();
    await expect
      .poll(() => popup.getByRole('complementary', { name: 'Settings problem' }).textContent())
      .toMatch(/settings were removed, so the last good settings were restored/);
    await popup.close();
    // A page opened now gets the restored settings: page mode injects.
    await app.goto(servers.url('app', '/'));
    servers.clear();
    await app.evaluate((url) => fetch(url).then((r) => r.text()), servers.url('app', '/echo'));
    expect(
      traceparentFields(servers.received('app', '/echo')[0]?.headers.traceparent),
    ).not.toBeNull();
  });
});
