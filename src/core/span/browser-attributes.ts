/**
 * What the browser knows about a request beyond HTTP: the `browser.request.*` attributes, from
 * Chromium's HAR extensions (`_resourceType`, `_priority`, `_fromCache`, `_initiator`,
 * `_transferSize`, `response._fetchedViaServiceWorker`) and Firefox's `cache.afterRequest`.
 * The extension defines these names (docs/spans.md); semantic conventions have none for them.
 */
import {
  asObject,
  field,
  labelField,
  numberField,
  objectField,
  sizeField,
  stringField,
  truncate,
  type HarObject,
} from './har-read';
import type { AttributeValue } from './model';
import { redactUrl } from './redact';

export const ATTR_RESOURCE_TYPE = 'browser.request.resource_type';
export const ATTR_PRIORITY = 'browser.request.priority';
export const ATTR_FROM_CACHE = 'browser.request.from_cache';
export const ATTR_CACHE_SOURCE = 'browser.request.cache_source';
export const ATTR_FROM_SERVICE_WORKER = 'browser.request.from_service_worker';
export const ATTR_INITIATOR_TYPE = 'browser.request.initiator.type';
export const ATTR_INITIATOR_URL = 'browser.request.initiator.url';
export const ATTR_TRANSFER_SIZE = 'browser.request.transfer_size';
/**
 * HAR phases the span events cannot carry, in milliseconds, so the panel's Timing tab can split
 * what the events merge: Chromium's `_blocked_queueing` (Queueing, inside `blocked`) and `send`
 * (Request sent; responseStart is requestStart + send + wait).
 */
export const ATTR_TIMING_QUEUEING = 'browser.timing.queueing';
export const ATTR_TIMING_SEND = 'browser.timing.send';

/** A HAR phase in ms when present (-1 means absent) and plausible (under a day). */
function phase(timings: HarObject | null, key: string): number | undefined {
  const value = numberField(timings, key);
  return value !== undefined && value >= 0 && value < 86_400_000 ? value : undefined;
}

/** Cap on short labels (resource type, priority, initiator type). */
export const MAX_BROWSER_LABEL_LENGTH = 64;
/** Cap on stored URLs: longer ones are cut after redaction, so the cut never exposes a secret. */
export const MAX_URL_LENGTH = 8192;
/** How far up an async stack (`stack.parent`) to look for an initiating script's URL. */
const MAX_STACK_DEPTH = 8;

/** The URL of the first call frame with one, through at most MAX_STACK_DEPTH async parents. */
function stackUrl(stack: HarObject | null): string | undefined {
  let current = stack;
  for (let depth = 0; current !== null && depth < MAX_STACK_DEPTH; depth++) {
    const frames = field(current, 'callFrames');
    if (Array.isArray(frames)) {
      for (const frame of frames) {
        const url = stringField(asObject(frame), 'url');
        if (url !== undefined && url !== '') return url;
      }
    }
    current = objectField(current, 'parent');
  }
  return undefined;
}

/** `_fromCache`: Chromium writes 'memory' or 'disk' when the response came from a cache. */
function cacheSource(entry: HarObject): 'memory' | 'disk' | undefined {
  const value = field(entry, '_fromCache');
  return value === 'memory' || value === 'disk' ? value : undefined;
}

/** Firefox's HAR has no `_fromCache`; it adds `cache.afterRequest` only for a cached response. */
function firefoxCached(entry: HarObject): boolean {
  const cache = objectField(entry, 'cache');
  return cache !== null && Object.hasOwn(cache, 'afterRequest');
}

/** Adds the `browser.request.*` attributes of `entry` to `into`. */
export function browserRequestAttributes(
  entry: HarObject,
  response: HarObject | null,
  sensitiveParams: readonly string[],
  into: Record<string, AttributeValue>,
): void {
  const resourceType = labelField(entry, '_resourceType', MAX_BROWSER_LABEL_LENGTH);
  if (resourceType !== undefined) into[ATTR_RESOURCE_TYPE] = resourceType;
  const priority = labelField(entry, '_priority', MAX_BROWSER_LABEL_LENGTH);
  if (priority !== undefined) into[ATTR_PRIORITY] = priority;

  const source = cacheSource(entry);
  into[ATTR_FROM_CACHE] = source !== undefined || firefoxCached(entry);
  if (source !== undefined) into[ATTR_CACHE_SOURCE] = source;

  // Chromium: response._fetchedViaServiceWorker; `_fromServiceWorker` on the entry is accepted too.
  into[ATTR_FROM_SERVICE_WORKER] =
    field(response, '_fetchedViaServiceWorker') === true ||
    field(entry, '_fromServiceWorker') === true;

  const initiator = objectField(entry, '_initiator');
  const initiatorType = labelField(initiator, 'type', MAX_BROWSER_LABEL_LENGTH);
  if (initiatorType !== undefined) into[ATTR_INITIATOR_TYPE] = initiatorType;
  const ownUrl = stringField(initiator, 'url');
  const initiatorUrl =
    ownUrl !== undefined && ownUrl !== '' ? ownUrl : stackUrl(objectField(initiator, 'stack'));
  if (initiatorUrl !== undefined) {
    into[ATTR_INITIATOR_URL] = truncate(redactUrl(initiatorUrl, sensitiveParams), MAX_URL_LENGTH);
  }

  const transferSize = sizeField(response, '_transferSize');
  if (transferSize !== undefined) into[ATTR_TRANSFER_SIZE] = transferSize;

  const timings = objectField(entry, 'timings');
  const queueing = phase(timings, '_blocked_queueing');
  if (queueing !== undefined) into[ATTR_TIMING_QUEUEING] = queueing;
  const send = phase(timings, 'send');
  if (send !== undefined && response !== null && field(response, 'status') !== 0) {
    into[ATTR_TIMING_SEND] = send;
  }
}
