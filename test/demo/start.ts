/**
 * `npm start`: builds the extension (the npm script does that first), starts the demo app,
 * its instrumented API and an OTLP receiver on 127.0.0.1, and opens Chromium with the
 * extension and DevTools. With a display it waits for Ctrl-C; without one it drives the page
 * itself, prints what happened, saves screenshots under demo-output/ and exits.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startApiService, type ApiService } from '../support/api-service';
import { launchChromium, type ChromiumSession } from '../support/chromium';
import { ensureBrowsers } from '../support/ensure-browsers';
import { html, startServer, type LocalServer } from '../support/http-server';
import { startOtlpReceiver, type OtlpReceiver } from '../support/otlp-receiver';
import { ROOT } from '../support/paths';
import { poll } from '../support/poll';
import { textWaterfall } from '../support/waterfall';
import { appPage } from './app-page';
import { applyConfig, testConfig } from '../support/extension-config';

/** The background's page-view context of the demo tab (the context network-mode requests carry). */
async function pageView(
  browser: ChromiumSession,
): Promise<{ traceId: string; spanId: string } | undefined> {
  return browser.worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ url: 'http://127.0.0.1/*' });
    const stored = (await chrome.storage.session.get('pageViews'))['pageViews'] as
      { views: Record<string, { traceId: string; spanId: string }> } | undefined;
    return stored?.views[String(tab?.id)];
  });
}

const OUTPUT_DIR = join(ROOT, 'demo-output');
const interactive =
  process.platform !== 'linux' || Boolean(process.env['DISPLAY'] ?? process.env['WAYLAND_DISPLAY']);

const cleanups: (() => Promise<void>)[] = [];
async function cleanup(): Promise<void> {
  for (const close of cleanups.splice(0).reverse()) await close().catch(() => undefined);
}

async function main(): Promise<void> {
  ensureBrowsers();
  const receiver: OtlpReceiver = await startOtlpReceiver();
  cleanups.push(() => receiver.close());

  // The app is served from 127.0.0.1 and the API from localhost: two origins, like a real SPA and its API.
  let apiOrigin = '';
  const app: LocalServer = await startServer({ '/': html(() => appPage(apiOrigin)) });
  cleanups.push(() => app.close());
  const api: ApiService = await startApiService({ otlpUrl: receiver.url, allowOrigin: app.origin });
  cleanups.push(() => api.close());
  apiOrigin = api.origin.replace('127.0.0.1', 'localhost');

  const browser: ChromiumSession = await launchChromium({ devtools: true, headless: !interactive });
  cleanups.push(() => browser.close());

  console.log(`App:           ${app.origin}/`);
  console.log(
    `API:           ${apiOrigin}/api/users/42  (OpenTelemetry Node SDK, service "demo-api")`,
  );
  console.log(`OTLP receiver: ${receiver.url}/v1/traces`);
  console.log(`Extension:     chrome-extension://${browser.extensionId}/ loaded from dist/`);

  // Inject on the app; the API is another origin, so network mode: no CORS preflight needed.
  await applyConfig(
    browser.worker,
    testConfig({
      sites: [app.origin],
      targets: [{ match: apiOrigin, mode: 'network' }],
      baggage: [{ key: 'demo.user', value: '42' }],
    }),
  );
  console.log(`Injection:     on for ${app.origin}, network mode towards ${apiOrigin}`);

  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(`${app.origin}/`);

  if (interactive) {
    console.log('\nChromium is open on the demo app with DevTools. Press Ctrl-C to stop.');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
      browser.context.once('close', () => {
        resolve();
      });
    });
    return;
  }

  const devtools = await poll(
    () =>
      browser.worker.evaluate(
        async () => (await chrome.storage.session.get('devtools'))['devtools'],
      ),
    { what: 'the devtools page to register its panel' },
  );
  console.log(`DevTools:      panel registered ${JSON.stringify(devtools)}`);

  await page.getByRole('button', { name: 'Load user 42' }).click();
  await page.getByText('HTTP 200').waitFor();
  console.log('Page:          fetched user 42 from the API (HTTP 200)');

  const received = JSON.parse(
    (await page.locator('#result').textContent())?.replace(/^HTTP \d+\n/, '') ?? '{}',
  ) as {
    traceparent: string | null;
  };
  console.log(`API received:  traceparent ${received.traceparent ?? '(none)'}`);

  const serverSpan = await poll(
    () => receiver.spans.find((s) => s.service === 'demo-api' && s.kind === 'SPAN_KIND_SERVER'),
    {
      what: 'the API server span at the OTLP receiver',
    },
  );
  const trace = await receiver.waitForTrace(serverSpan.traceId, 2);
  console.log(`\nTrace ${serverSpan.traceId} at the OTLP receiver:`);
  console.log(textWaterfall(trace));
  const view = await pageView(browser);
  const joined =
    view !== undefined &&
    serverSpan.traceId === view.traceId &&
    serverSpan.parentSpanId === view.spanId;
  console.log(
    joined
      ? `Joined:        the API's SERVER span is a child of the browser page view ${view.traceId}/${view.spanId}`
      : 'Not joined:    the API did not continue the browser context',
  );
  console.log('(The browser spans themselves appear here once recording and export land.)');
  if (!joined) process.exitCode = 1;

  await mkdir(OUTPUT_DIR, { recursive: true });
  await page.screenshot({ path: join(OUTPUT_DIR, 'app.png') });
  const panel = await browser.context.newPage();
  await panel.goto(`chrome-extension://${browser.extensionId}/devtools/panel.html`);
  await panel.getByRole('heading', { name: 'Traces' }).waitFor();
  await panel.screenshot({ path: join(OUTPUT_DIR, 'panel.png') });
  console.log(`\nScreenshots:   ${join(OUTPUT_DIR, 'panel.png')}, ${join(OUTPUT_DIR, 'app.png')}`);
}

main()
  .catch((error: unknown) => {
    console.error('Demo failed:', error);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
