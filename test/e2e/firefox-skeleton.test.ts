import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchFirefox, type FirefoxSession } from '../support/firefox';
import { poll } from '../support/poll';

describe('Firefox: the built add-on', () => {
  let session: FirefoxSession;

  beforeAll(async () => {
    session = await launchFirefox();
  });
  afterAll(async () => {
    await session.close();
  });

  test('runs its background script, which writes the first-install settings', async () => {
    const storage = await poll(async () => (await session.readStorage())?.['config'], {
      what: 'the background to write settings to storage.local',
    });
    expect(storage).toMatchObject({ version: 3, sites: [], targets: [] });
  });
});
