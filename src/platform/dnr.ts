import type { DnrRule } from '../core/config/dnr';

/** Chromium network mode: declarativeNetRequest session rules (they vanish with the session). */

export type SessionRule = chrome.declarativeNetRequest.Rule;

export function sessionRules(): Promise<SessionRule[]> {
  return chrome.declarativeNetRequest.getSessionRules();
}

export async function updateSessionRules(
  removeRuleIds: readonly number[],
  addRules: readonly DnrRule[],
): Promise<void> {
  if (removeRuleIds.length === 0 && addRules.length === 0) return;
  await chrome.declarativeNetRequest.updateSessionRules({
    removeRuleIds: [...removeRuleIds],
    // Our rule type is the subset of chrome's Rule we use, with string-literal enums.
    addRules: addRules as unknown as SessionRule[],
  });
}
