/**
 * A model of how Chrome evaluates the parts of our session rules on one request, for asserting
 * what a rule set does rather than how it is spelled (DNR docs: "Rule matching", "modifyHeaders").
 * Only what our builders emit is modelled: `|prefix` urlFilters, regexFilters, requestDomains,
 * initiatorDomains, tabIds; allow rules and request-header remove/set by priority.
 */
import type { DnrRule, DnrUrlCondition } from '../../../src/core/config';

export interface ModelRequest {
  readonly url: string;
  readonly tabId: number;
  /** The initiator's origin, or undefined (a browser-initiated navigation). */
  readonly initiator?: string;
}

function onDomain(host: string, domains: readonly string[]): boolean {
  return domains.some((d) => host === d || host.endsWith(`.${d}`));
}

/** Whether the URL part of a condition matches (urlFilter and regexFilter are case-insensitive). */
export function urlMatches(condition: DnrUrlCondition, url: string): boolean {
  const { urlFilter, regexFilter, requestDomains } = condition;
  if (urlFilter !== undefined) {
    if (!urlFilter.startsWith('|') || /[*^]/.test(urlFilter)) {
      throw new Error(`model only knows |prefix urlFilters: ${urlFilter}`);
    }
    if (!url.toLowerCase().startsWith(urlFilter.slice(1).toLowerCase())) return false;
  }
  if (regexFilter !== undefined && !new RegExp(regexFilter, 'i').test(url)) return false;
  if (requestDomains !== undefined && !onDomain(new URL(url).hostname, requestDomains)) {
    return false;
  }
  return true;
}

export function ruleMatches(rule: DnrRule, request: ModelRequest): boolean {
  const { condition } = rule;
  if (condition.tabIds !== undefined && !condition.tabIds.includes(request.tabId)) return false;
  if (condition.initiatorDomains !== undefined) {
    if (request.initiator === undefined) return false;
    if (!onDomain(new URL(request.initiator).hostname, condition.initiatorDomains)) return false;
  }
  return urlMatches(condition, request.url);
}

/**
 * The request headers after the rules: modifyHeaders rules above the highest matching allow
 * rule apply, highest priority first, and the first rule to touch a header decides it.
 */
export function applyRules(
  rules: readonly DnrRule[],
  request: ModelRequest,
  headers: Readonly<Record<string, string>>,
): Record<string, string> {
  const matching = rules.filter((r) => ruleMatches(r, request));
  const allowAt = Math.max(
    0,
    ...matching.filter((r) => r.action.type === 'allow').map((r) => r.priority ?? 1),
  );
  const out = new Map(Object.entries(headers));
  const decided = new Set<string>();
  const modify = matching
    .filter((r) => r.action.type === 'modifyHeaders' && (r.priority ?? 1) > allowAt)
    .sort((a, b) => (b.priority ?? 1) - (a.priority ?? 1));
  for (const rule of modify) {
    if (rule.action.type !== 'modifyHeaders') continue;
    for (const op of rule.action.requestHeaders) {
      const name = op.header.toLowerCase();
      if (decided.has(name)) continue;
      decided.add(name);
      if (op.operation === 'remove') out.delete(name);
      else out.set(name, op.value ?? '');
    }
  }
  return Object.fromEntries(out);
}
