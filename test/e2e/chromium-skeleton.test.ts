import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type ChromiumSession } from '../support/chromium';
import { devtoolsStatusOf, tabIdOf } from '../support/extension-state';
import { html, startServer } from '../support/http-server';
import { poll } from '../support/poll';

describe('Chromium: the built extension', () => {
  let session: ChromiumSession;

  beforeAll(async () => {
    session = await launchChromium({ devtools: true });
  });
  afterAll(async () => {
    await session.close();
  });

  test('starts its service worker and writes the first-install settings', async () => {
    expect(session.worker.url()).toBe(
      `chrome-extension://${session.extensionId}/service-worker-loader.js`,
    );
    const config = await poll(() =>
      session.worker.evaluate(async () => (await chrome.storage.local.get('config'))['config']),
    );
    expect(config).toMatchObject({ version: 3, sites: [], targets: [] });
  });

  test('renders the popup, which reaches the background', async () => {
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/popup/index.html`);
    // The switch reflects the settings the background answered with.
    await expect
      .poll(() => page.getByRole('switch', { name: 'Trace Capture on' }).isChecked())
      .toBe(true);
    await page.close();
  });

  test('the devtools page runs and registers the Traces panel', async () => {
    const server = await startServer({ '/': html('<!doctype html><title>probe</title>') });
    const page = await session.context.newPage();
    await page.goto(`${server.origin}/`);
    const tabId = await tabIdOf(session.worker, page.url());
    const status = await poll(() => devtoolsStatusOf(session.worker, tabId));
    expect(status).toMatchObject({ panel: 'Traces', tabId });
    await page.close();
    await server.close();
  });

  test('renders the panel page', async () => {
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/devtools/panel.html`);
    await expect.poll(() => page.getByText('No requests recorded yet').count()).toBe(1);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'requests' }).textContent())
      .toBe('0 requests');
    await page.close();
  });
});
