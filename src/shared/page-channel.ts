/**
 * The channel between the ISOLATED bridge and the MAIN-world page hook: DOM events on
 * `document`. The page can see and forge these events, so the hook treats every message as
 * untrusted, and nothing travels from the hook back to the extension beyond "I am ready".
 * Details are JSON strings: objects do not cross the world boundary reliably.
 */
import type { HookSettings } from '../core/config/policy';

/** Bridge → hook: `detail` is a JSON string of HookSettings. */
export const SETTINGS_EVENT = 'trace-capture:settings';
/** Hook → bridge: the hook is listening; send the settings (again). */
export const HOOK_READY_EVENT = 'trace-capture:hook-ready';

export function encodeHookSettings(settings: HookSettings): string {
  return JSON.stringify(settings);
}

/** Reads a settings event's detail; null for anything malformed (never throws). */
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
