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
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver';
import { ROOT } from '../support/paths';
import { poll } from '../support/poll';
import { devtoolsStatusOf, pageViewOf, tabIdOf } from '../support/extension-state';
import { storedSpans } from '../support/stored-spans';
import { textWaterfall } from '../support/waterfall';
import type { RecordedSpan } from '../../src/core/span/model';
import { appPage } from './app-page';
import { applyConfig, testConfig } from '../support/extension-config';

/** A recorded browser span in the receiver's shape, for one waterfall with the server's spans. */
function asReceived(span: RecordedSpan): ReceivedSpan {
  const nanos = (ms: number) => (BigInt(Math.round(ms * 1000)) * 1000n).toString();
  return {
    service: 'browser',
    traceId: span.traceId,
    spanId: span.spanId,
    ...(span.parentSpanId === undefined ? {} : { parentSpanId: span.parentSpanId }),
    name: span.name,
    kind: span.kind === 3 ? 'SPAN_KIND_CLIENT' : 'SPAN_KIND_INTERNAL',
    startTimeUnixNano: nanos(span.startTime),
    endTimeUnixNano: nanos(span.endTime),
  };
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
  const trace = await receiver.waitForTrace(serverSpan.traceId, 2);
  // The browser's side, as the DevTools recorder stored it: the page-view span and the client span.
  const recorded = await poll(
    async () => {
      const spans = (await storedSpans(browser.worker)).filter(
        (s) => s.traceId === serverSpan.traceId,
      );
      return spans.length >= 2 ? spans : undefined;
    },
    { what: 'the browser spans in IndexedDB' },
  );
  console.log(
    `\nTrace ${serverSpan.traceId}: browser spans (recorded) and server spans (OTLP receiver)`,
  );
  console.log(textWaterfall([...recorded.map(asReceived), ...trace]));
  const view = await pageViewOf(browser.worker, tabId);
  const joined =
    view !== null && serverSpan.traceId === view.traceId && serverSpan.parentSpanId === view.spanId;
  console.log(
    joined
      ? `Joined:        the API's SERVER span is a child of the browser page view ${view.traceId}/${view.spanId}`
      : 'Not joined:    the API did not continue the browser context',
  );
  console.log(
    '(Export to the OTLP receiver, so the browser spans reach the backend too, is next.)',
  );
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
