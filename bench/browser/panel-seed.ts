/**
 * A Chromium profile whose span store holds `spans` seeded spans (test/support/seed-spans.ts),
 * for the panel benchmarks. Seeding drives Chromium with automation; the rounds that measure then
 * start it again on the profile with nobody attached.
 */
import { bundleHarness } from '../../test/support/bundle';
import { launchChromium } from '../../test/support/chromium';

export async function seedProfile(extensionDir: string, profile: string, spans: number) {
  const browser = await launchChromium({ extensionDir, userDataDir: profile });
  try {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/devtools/panel.html`);
    await page.evaluate(await bundleHarness('test/support/seed-spans.ts', 'seeding'));
    await page.evaluate(`seeding.seed(${String(spans)})`);
  } finally {
    await browser.close();
  }
}
