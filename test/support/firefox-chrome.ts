/**
 * Privileged helpers for Firefox tests (launchFirefox({ privileged: true })): WebDriver BiDi
 * cannot navigate to a moz-extension:// page nor open DevTools, so these run code in the
 * browser's chrome window, which can, and then talk to the resulting pages over raw BiDi.
 */
import type { Browser } from 'puppeteer-core';
import { GECKO_ID } from '../../vite.config';
import { poll } from './poll';

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

interface ContextInfo {
  readonly context: string;
  readonly url: string;
}

function connection(browser: Browser): BidiConnection {
  return (browser as unknown as { connection: BidiConnection }).connection;
}

async function contexts(browser: Browser, scope?: 'chrome'): Promise<ContextInfo[]> {
  const { result } = await connection(browser).send(
    'browsingContext.getTree',
    scope === undefined ? {} : { 'moz:scope': scope },
  );
  return (result as { contexts: ContextInfo[] }).contexts;
}

/**
 * Evaluates `expression` in a browsing context and returns its value, which must be JSON: the
 * expression's result is passed through JSON.stringify in the page.
 */
export async function evaluateIn<T>(
  browser: Browser,
  context: string,
  expression: string,
): Promise<T> {
  const { result } = await connection(browser).send('script.evaluate', {
    expression: `(async () => JSON.stringify(await (${expression})))()`,
    target: { context },
    awaitPromise: true,
  });
  const outcome = result as
    | { type: 'success'; result: { value?: string } }
    | { type: 'exception'; exceptionDetails: { text: string } };
  if (outcome.type === 'exception') throw new Error(outcome.exceptionDetails.text);
  return JSON.parse(outcome.result.value ?? 'null') as T;
}

export async function inChrome<T>(browser: Browser, expression: string): Promise<T> {
  const [window] = await contexts(browser, 'chrome');
  if (!window) throw new Error('no chrome window');
  return evaluateIn<T>(browser, window.context, expression);
}

/** Opens an extension page in a new tab and resolves with its browsing context. */
export async function openExtensionTab(browser: Browser, path: string): Promise<string> {
  const url = await inChrome<string>(
    browser,
    `(() => {
      const host = WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)}).mozExtensionHostname;
      const url = 'moz-extension://' + host + '/' + ${JSON.stringify(path)};
      gBrowser.addTab(url, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
      return url;
    })()`,
  );
  const found = await poll(async () => (await contexts(browser)).find((c) => c.url === url), {
    what: `the tab of ${path}`,
  });
  return found.context;
}

/** Opens DevTools (the Network panel) on the tab showing a URL containing `urlPart`. */
export async function openDevtools(browser: Browser, urlPart: string): Promise<void> {
  const opened = await inChrome<string>(
    browser,
    `(async () => {
      const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
      const { gDevTools } = require('devtools/client/framework/devtools');
      const tab = gBrowser.tabs.find((t) => t.linkedBrowser.currentURI.spec.includes(${JSON.stringify(urlPart)}));
      if (!tab) return 'no tab';
      const toolbox = await gDevTools.showToolboxForTab(tab, { toolId: 'netmonitor' });
      return toolbox ? 'open' : 'none';
    })()`,
  );
  if (opened !== 'open') throw new Error(`DevTools did not open: ${opened}`);
}

/** Runs a script (statements, e.g. a bundled harness) in a browsing context. */
export async function runScript(browser: Browser, context: string, script: string): Promise<void> {
  const { result } = await connection(browser).send('script.evaluate', {
    expression: script,
    target: { context },
    awaitPromise: false,
  });
  const outcome = result as { type: string; exceptionDetails?: { text: string } };
  if (outcome.type === 'exception') throw new Error(outcome.exceptionDetails?.text ?? 'failed');
}
