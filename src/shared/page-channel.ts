/**
 * The channel between the ISOLATED bridge and the MAIN-world page hook: a MessagePort that the
 * hook hands to the bridge at document_start, before any page script runs. Both scripts run
 * then, in an order Chrome does not promise, so each announces itself with a DOM event and the
 * second one completes the handover synchronously. Once handed over, nothing on `document` is
 * listened to any more: the page can neither trigger the bridge nor read what it sends.
 * The hook still treats what arrives as untrusted, and the bridge what the hook asks.
 */
import type { HookPlan } from '../core/config/hook-plan';

/** Hook → bridge, a MessageEvent whose `ports[0]` is the bridge's end of the channel. */
export const CONNECT_EVENT = 'trace-capture:connect';
/** Bridge → hook: "I am listening for CONNECT_EVENT". */
export const BRIDGE_READY_EVENT = 'trace-capture:bridge-ready';

/** The headers the bridge planned for a request that carries propagation headers of its own. */
export interface PlannedHeaders {
  /** Lowercase names → values to set. */
  readonly headers: Readonly<Record<string, string>>;
  /** Lowercase names to delete. */
  readonly remove: readonly string[];
}

/** Bridge → hook over the port. */
export type BridgeMessage =
  | { readonly type: 'settings'; readonly settings: string }
  | { readonly type: 'learned'; readonly id: number; readonly known: readonly string[] }
  | { readonly type: 'planned'; readonly id: number; readonly plan: PlannedHeaders | null };

/** Hook → bridge over the port: page-set uberctx header names the strip rules must name. */
export interface LearnRequest {
  readonly type: 'learn';
  readonly id: number;
  readonly names: readonly string[];
}

/**
 * Hook → bridge: the propagation headers a request to an allowed destination already carries
 * (lowercase names, values combined), for the injector to plan around. Rare (the page has a
 * tracing SDK of its own), so the formats and parsers this needs stay out of the hook.
 */
export interface PlanRequest {
  readonly type: 'plan';
  readonly id: number;
  readonly headers: readonly (readonly [string, string])[];
}

export type HookRequest = LearnRequest | PlanRequest;

/** At most this many names per learn request, or headers per plan request; more is a page misbehaving. */
export const MAX_LEARN_NAMES = 16;

export function encodeHookPlan(plan: HookPlan): string {
  return JSON.stringify(plan);
}

/**
 * Reads a settings message's JSON; null for anything malformed (never throws). Only the bridge
 * can send on the port, so this checks the shape the hook relies on, not every value.
 */
export function decodeHookPlan(detail: unknown): HookPlan | null {
  if (typeof detail !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(detail);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { active, page, network, template, uberctx } = value as Record<string, unknown>;
  if (typeof active !== 'boolean' || !Array.isArray(page) || !Array.isArray(network)) return null;
  if (typeof template !== 'object' || template === null || !isStringList(uberctx, Infinity)) {
    return null;
  }
  return value as HookPlan;
}

/**
 * At most `max` strings, holes included: a structured clone keeps an array's holes, which
 * `every` skips, and a hole reads as undefined to whoever iterates the list.
 */
export function isStringList(value: unknown, max: number): value is readonly string[] {
  if (!Array.isArray(value) || value.length > max) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false;
  return true;
}

function isPlan(value: unknown): value is PlannedHeaders {
  if (typeof value !== 'object' || value === null) return false;
  const { headers, remove } = value as Record<string, unknown>;
  return (
    typeof headers === 'object' &&
    headers !== null &&
    Object.values(headers).every((v) => typeof v === 'string') &&
    isStringList(remove, Infinity)
  );
}

/** A bridge message, or null. */
export function readBridgeMessage(data: unknown): BridgeMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, settings, id, known, plan } = data as Record<string, unknown>;
  if (type === 'settings' && typeof settings === 'string') return { type, settings };
  if (!Number.isSafeInteger(id)) return null;
  if (type === 'learned' && isStringList(known, MAX_LEARN_NAMES)) {
    return { type, id: id as number, known };
  }
  if (type === 'planned' && (plan === null || isPlan(plan)))
    return { type, id: id as number, plan };
  return null;
}

/** A request from the hook, or null. */
export function readHookRequest(data: unknown): HookRequest | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, id, names, headers } = data as Record<string, unknown>;
  if (!Number.isSafeInteger(id)) return null;
  if (type === 'learn' && isStringList(names, MAX_LEARN_NAMES)) {
    return { type, id: id as number, names };
  }
  const isLine = (line: unknown) => isStringList(line, 2) && line.length === 2;
  if (
    type === 'plan' &&
    Array.isArray(headers) &&
    headers.length <= MAX_LEARN_NAMES &&
    // Array.from: a hole becomes undefined, which every() then sees, as isStringList does.
    Array.from(headers).every(isLine)
  ) {
    return { type, id: id as number, headers: headers as [string, string][] };
  }
  return null;
}
