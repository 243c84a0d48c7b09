/**
 * Functions that run in a test page (passed to Playwright's or Puppeteer's evaluate), and finding
 * frames. Plain code without the test runner, so the HAR capture script can use them too.
 */
import { poll } from './poll';

/** Runs in the page: appends an iframe of `src` and resolves once it has loaded. */
export async function appendFrame(src: string): Promise<void> {
  const frame = document.createElement('iframe');
  frame.src = src;
  const loaded = new Promise((resolve) => {
    frame.addEventListener('load', resolve, { once: true });
  });
  document.body.append(frame);
  await loaded;
}

/** The frame of `page` showing `url` (Playwright and Puppeteer pages both list their frames). */
export function frameAt<F extends { url(): string }>(
  page: { frames(): F[] },
  url: string,
): Promise<F> {
  return poll(() => page.frames().find((f) => f.url() === url), { what: `the frame of ${url}` });
}

/** Runs in the page: registers the test servers' worker for /sw/ and waits until it controls the page. */
export async function controlledByWorker(): Promise<void> {
  const container = navigator.serviceWorker;
  await container.register('/sw/sw.js', { scope: '/sw/' });
  if (!container.controller) {
    await new Promise((resolve) => {
      container.addEventListener('controllerchange', resolve, { once: true });
    });
  }
}
