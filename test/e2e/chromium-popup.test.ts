import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type ChromiumSession } from '../support/chromium';
import { applyConfig, testConfig } from '../support/extension-config';
import { tabIdOf } from '../support/extension-state';
import { poll } from '../support/poll';
import { traceparentFields } from '../support/propagation-check';
import { HOST_NAMES, startTraceServers, type TraceServers } from '../support/trace-servers';

describe('Chromium: the popup edits the settings', () => {
  let browser: ChromiumSession;
  let servers: TraceServers;
  let app: Page;
  let popup: Page;
  let tabId: number;

  const storedConfig = () =>
    browser.worker.evaluate(
      async () => (await chrome.storage.local.get('config'))['config'] as Record<string, unknown>,
    );

  beforeAll(async () => {
    servers = await startTraceServers();
    browser = await launchChromium({ loopbackHosts: HOST_NAMES });
    await applyConfig(browser.worker, testConfig({ sites: [], baggage: [] }));
    app = await browser.context.newPage();
    await app.goto(servers.url('app', '/'));
    tabId = await tabIdOf(browser.worker, app.url());
    popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup/index.html?tabId=${tabId}`);
  });
  afterAll(async () => {
    await browser.close();
    await servers.close();
  });

  test('the site switch turns injection on for the tab, with the badge', async () => {
    const origin = new URL(servers.url('app')).origin;
    await expect.poll(() => popup.getByText(origin).count()).toBeGreaterThan(0);
    const site = popup.getByRole('switch', { name: 'Inject trace headers on this site' });
    expect(await site.isChecked()).toBe(false);
    await site.focus();
    await popup.keyboard.press('Space'); // keyboard, as a user without a mouse would
    await poll(
      async () => ((await storedConfig())['sites'] as string[]).includes(origin) || undefined,
    );
    await poll(async () =>
      (await browser.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)) ===
      'ON'
        ? true
        : undefined,
    );
    await app.reload();
    servers.clear();
    await app.evaluate((url) => fetch(url), servers.url('app', '/echo'));
    expect(
      traceparentFields(servers.received('app', '/echo')[0]?.headers.traceparent),
    ).not.toBeNull();
  });

  test('invalid baggage shows the core error and nothing is saved', async () => {
    const before = await storedConfig();
    await popup.getByRole('button', { name: 'Add baggage entry' }).click();
    await popup.getByLabel('Baggage key 1').fill('user id');
    await popup.getByLabel('Baggage value 1').fill('42');
    await expect
      .poll(() => popup.getByText('key "user id" is not a token (space at 5)').count())
      .toBeGreaterThan(0); // inline at the field, and again in the problems listed by Save
    expect(await popup.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await popup.keyboard.press('Control+s');
    expect(await storedConfig()).toEqual(before);
  });

  test('a valid edit is saved and reaches the next request', async () => {
    await popup.getByLabel('Baggage key 1').fill('tenant');
    await popup.getByLabel('Baggage value 1').fill('acme');
    await expect
      .poll(() => popup.getByText('/ 8192 bytes').textContent())
      .toMatch(/^\s*\d+ \/ 8192 bytes/);
    await popup.getByRole('button', { name: 'Save' }).click();
    await poll(async () => {
      const baggage = (await storedConfig())['baggage'] as { key: string; value: string }[];
      return baggage.some((e) => e.key === 'tenant' && e.value === 'acme') || undefined;
    });
    servers.clear();
    await poll(async () => {
      await app.evaluate((url) => fetch(url), servers.url('app', '/echo'));
      return (
        servers.received('app', '/echo').at(-1)?.headers.baggage === 'tenant=acme' || undefined
      );
    });
  });

  test('a cross-origin page-mode target shows the CORS warning', async () => {
    await popup.getByRole('button', { name: 'Add target' }).click();
    const rows = await popup.getByLabel(/^Target origin \d+$/).count();
    await popup.getByLabel(`Target origin ${rows}`).fill('https://api.example.com');
    await popup.getByLabel(`Target mode ${rows}`).selectOption('page');
    await expect
      .poll(() => popup.getByText(/Access-Control-Allow-Headers/).count())
      .toBeGreaterThan(0);
    await popup.getByRole('button', { name: 'Revert' }).click();
  });
});
