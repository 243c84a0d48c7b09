/**
 * The channel between the ISOLATED bridge and the MAIN-world page hook: a MessagePort that the
 * hook hands to the bridge at document_start, before any page script runs. Both scripts run
 * then, in an order Chrome does not promise, so each announces itself with a DOM event and the
 * second one completes the handover synchronously. Once handed over, nothing on `document` is
 * listened to any more: the page can neither trigger the bridge nor read what it sends.
 * The hook still treats what arrives as untrusted, and the bridge what the hook asks.
 */
import type { HookSettings } from '../core/config/policy';

/** Hook → bridge, a MessageEvent whose `ports[0]` is the bridge's end of the channel. */
export const CONNECT_EVENT = 'trace-capture:connect';
/** Bridge → hook: "I am listening for CONNECT_EVENT". */
export const BRIDGE_READY_EVENT = 'trace-capture:bridge-ready';

/** Bridge → hook over the port. */
export type BridgeMessage =
  | { readonly type: 'settings'; readonly settings: string }
  | { readonly type: 'learned'; readonly id: number; readonly known: readonly string[] };

/** Hook → bridge over the port: page-set uberctx header names the strip rules must name. */
export interface LearnRequest {
  readonly type: 'learn';
  readonly id: number;
  readonly names: readonly string[];
}

/** At most this many names per learn request; more is a page misbehaving. */
export const MAX_LEARN_NAMES = 16;

export function encodeHookSettings(settings: HookSettings): string {
  return JSON.stringify(settings);
}

/** Reads a settings message's JSON; null for anything malformed (never throws). */
export function decodeHookSettings(detail: unknown): HookSettings | null {
  if (typeof detail !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(detail);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { active, pageTargets, propagation } = value as Record<string, unknown>;
  if (typeof active !== 'boolean') return null;
  if (!Array.isArray(pageTargets) || !pageTargets.every((t) => typeof t === 'string')) return null;
  if (typeof propagation !== 'object' || propagation === null) return null;
  return value as HookSettings;
}

function isStringList(value: unknown, max: number): value is readonly string[] {
  return Array.isArray(value) && value.length <= max && value.every((v) => typeof v === 'string');
}

/** A bridge message, or null. */
export function readBridgeMessage(data: unknown): BridgeMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, settings, id, known } = data as Record<string, unknown>;
  if (type === 'settings' && typeof settings === 'string') return { type, settings };
  if (type === 'learned' && Number.isSafeInteger(id) && isStringList(known, MAX_LEARN_NAMES)) {
    return { type, id: id as number, known };
  }
  return null;
}

/** A learn request, or null. */
export function readLearnRequest(data: unknown): LearnRequest | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, id, names } = data as Record<string, unknown>;
  if (type !== 'learn' || !Number.isSafeInteger(id) || !isStringList(names, MAX_LEARN_NAMES)) {
    return null;
  }
  return { type, id: id as number, names };
}
