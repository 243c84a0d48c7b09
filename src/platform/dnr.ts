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

/** Null when Chrome can compile `regex` as a regexFilter, else its reason (memoryLimitExceeded…). */
export async function regexProblem(regex: string): Promise<string | null> {
  const result = await chrome.declarativeNetRequest.isRegexSupported({ regex });
  return result.isSupported ? null : (result.reason ?? 'not supported');
}
