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
import { startOtlpBackend, type OtlpBackend } from '../support/otlp-backend';
import { ROOT } from '../support/paths';
import { poll } from '../support/poll';
import { devtoolsStatusOf, pageViewOf, tabIdOf } from '../support/extension-state';
import { openPopup } from '../support/chromium';
import { storedSpans } from '../support/stored-spans';
import { textWaterfall } from '../support/waterfall';
import { appPage } from './app-page';
import { applyConfig, exportSettings, testConfig } from '../support/extension-config';

const OUTPUT_DIR = join(ROOT, 'demo-output');
/** The demo's browser spans are exported under this service name. */
const BROWSER_SERVICE = 'demo-shop';
const interactive =
  process.platform !== 'linux' || Boolean(process.env['DISPLAY'] ?? process.env['WAYLAND_DISPLAY']);

const cleanups: (() => Promise<void>)[] = [];
async function cleanup(): Promise<void> {
  for (const close of cleanups.splice(0).reverse()) await close().catch(() => undefined);
}

async function main(): Promise<void> {
  ensureBrowsers();
  const receiver: OtlpBackend = await startOtlpBackend();
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
  console.log(`OTLP receiver: ${receiver.tracesUrl}  (decodes with the official protos)`);
  console.log(`Extension:     chrome-extension://${browser.extensionId}/ loaded from dist/`);

  // Inject on the app; the API is another origin, so network mode: no CORS preflight needed.
  await applyConfig(
    browser.worker,
    testConfig({
      sites: [app.origin],
      targets: [{ match: apiOrigin, mode: 'network' }],
      baggage: [{ key: 'demo.user', value: '42' }],
      export: exportSettings(receiver.tracesUrl, {
        headers: {},
        serviceName: BROWSER_SERVICE,
        resourceAttributes: { 'deployment.environment.name': 'demo' },
      }),
    }),
  );
  console.log(`Injection:     on for ${app.origin}, network mode towards ${apiOrigin}`);

  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(`${app.origin}/`);

  if (interactive) {
    console.log('\nChromium is open on the demo app with DevTools. Press "Load user 42", then');
    console.log('Export in the toolbar popup or the Traces panel: each trace the receiver gets');
    console.log('with browser spans in it is printed here. Press Ctrl-C to stop.');
    const printed = new Set<string>();
    const printer = setInterval(() => {
      for (const span of receiver.spans) {
        if (span.service !== BROWSER_SERVICE || printed.has(span.traceId)) continue;
        printed.add(span.traceId);
        const trace = receiver.spans.filter((s) => s.traceId === span.traceId);
        console.log(`\nTrace ${span.traceId} at the OTLP receiver:\n${textWaterfall(trace)}`);
      }
    }, 1000);
    cleanups.push(() => {
      clearInterval(printer);
      return Promise.resolve();
    });
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
      browser.context.once('close', () => {
        resolve();
      });
    });
    return;
  }

  const tabId = await tabIdOf(browser.worker, page.url());
  const devtools = await poll(() => devtoolsStatusOf(browser.worker, tabId), {
    what: 'the devtools page to register its panel',
  });
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
  // The browser's side, once the DevTools recorder has stored it: the page view and the request.
  await poll(
    async () => {
      const spans = (await storedSpans(browser.worker)).filter(
        (s) => s.traceId === serverSpan.traceId,
      );
      return spans.length >= 2 ? spans : undefined;
    },
    { what: 'the browser spans in IndexedDB' },
  );

  // Export as a user does: the toolbar popup's Export button.
  await mkdir(OUTPUT_DIR, { recursive: true });
  const popup = await openPopup(browser, tabId);
  await popup.getByRole('button', { name: /^Export/ }).click();
  const last = popup.getByRole('status', { name: 'Last export' });
  await last.filter({ hasText: /Exported \d+ spans/ }).waitFor();
  // The line is the outcome's time, then its message.
  console.log(
    `Export:        ${((await last.textContent()) ?? '').replace(/^(\d\d:\d\d:\d\d)/, '$1 ')}`,
  );
  await popup.screenshot({ path: join(OUTPUT_DIR, 'popup.png'), fullPage: true });
  await popup.close();

  // From here on, only what the receiver got.
  const trace = await receiver.waitForSpans(
    (s) => s.traceId === serverSpan.traceId && s.service === BROWSER_SERVICE,
    2,
    'browser spans of the trace',
  );
  const all = receiver.spans.filter((s) => s.traceId === serverSpan.traceId);
  console.log(
    `\nTrace ${serverSpan.traceId} at the OTLP receiver: ${String(trace.length)} browser spans, ${String(all.length - trace.length)} server spans`,
  );
  console.log(textWaterfall(all));
  const view = await pageViewOf(browser.worker, tabId);
  const pageViewSpan = all.find((s) => s.spanId === view?.spanId && s.service === BROWSER_SERVICE);
  const joined =
    view !== null && pageViewSpan !== undefined && serverSpan.parentSpanId === view.spanId;
  console.log(
    joined
      ? `Joined:        the API's SERVER span is a child of the browser's page-view span ${view.spanId}, both at the receiver`
      : "Not joined:    the receiver does not hold the browser page view as the server span's parent",
  );
  if (!joined) process.exitCode = 1;

  await page.screenshot({ path: join(OUTPUT_DIR, 'app.png') });
  const panel = await browser.context.newPage();
  await panel.goto(`chrome-extension://${browser.extensionId}/devtools/panel.html`);
  await panel.getByRole('toolbar', { name: 'Traces' }).waitFor();
  await panel.screenshot({ path: join(OUTPUT_DIR, 'panel.png') });
  console.log(
    `\nScreenshots:   ${['panel.png', 'app.png', 'popup.png'].map((f) => join(OUTPUT_DIR, f)).join(', ')}`,
  );
}

main()
  .catch((error: unknown) => {
    console.error('Demo failed:', error);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
