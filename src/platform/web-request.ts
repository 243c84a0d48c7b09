import { browser } from './browser';

export interface HttpHeader {
  readonly name: string;
  readonly value?: string;
}

export interface OutgoingRequest {
  /** The same for every hop of one request (its redirects). */
  readonly requestId: string;
  readonly url: string;
  readonly method: string;
  readonly type: string;
  readonly tabId: number;
  /** The document that made the request (absent for top-level navigations and workers). */
  readonly documentUrl?: string;
  /** What triggered the request: for a service or shared worker's request, the worker's script. */
  readonly originUrl?: string;
  readonly requestHeaders: readonly HttpHeader[];
}

/** Returns the full new header list, or null to leave the request exactly as it is. */
export type HeaderRewriter = (
  request: OutgoingRequest,
) => readonly HttpHeader[] | null | Promise<readonly HttpHeader[] | null>;

/**
 * Firefox: blocking onBeforeSendHeaders for every URL and resource type. It runs again for
 * each redirect hop, so each destination is judged on its own. Firefox accepts a promise
 * from a blocking listener, which lets a just-woken background finish loading first.
 */
export function rewriteRequestHeaders(rewrite: HeaderRewriter): void {
  browser.webRequest.onBeforeSendHeaders.addListener(
    (details) => {
      const request: OutgoingRequest = {
        requestId: details.requestId,
        url: details.url,
        method: details.method,
        type: details.type,
        tabId: details.tabId,
        requestHeaders: details.requestHeaders ?? [],
        ...(details.documentUrl === undefined ? {} : { documentUrl: details.documentUrl }),
        ...(details.originUrl === undefined ? {} : { originUrl: details.originUrl }),
      };
      const toResult = (headers: readonly HttpHeader[] | null) =>
        headers === null ? {} : { requestHeaders: [...headers] };
      const result = rewrite(request);
      return result instanceof Promise ? result.then(toResult) : toResult(result);
    },
    { urls: ['<all_urls>'] },
    ['blocking', 'requestHeaders'],
  );
}

/** Calls `ended` with the id of every request once it completed or failed. */
export function onRequestEnded(ended: (requestId: string) => void): void {
  const filter = { urls: ['<all_urls>'] };
  browser.webRequest.onCompleted.addListener((details) => {
    ended(details.requestId);
  }, filter);
  browser.webRequest.onErrorOccurred.addListener((details) => {
    ended(details.requestId);
  }, filter);
}
