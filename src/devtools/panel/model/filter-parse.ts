/**
 * The filter box's text as terms (Chrome DevTools FilterParser grammar, DESIGN §8): words
 * separated by whitespace, all of which must match; a leading `-` negates; `/re/` is a
 * case-insensitive regular expression; `key:value` with a known key; `duration>N`; anything else
 * is text. Where DevTools silently turns a bad value into text, the panel marks it invalid with a
 * reason instead (issue #10), and an unknown key (`foo:bar`, `https://…`) stays text as there.
 * Never throws, whatever the text.
 */
import type { FilterTerm, ParsedFilter } from './filter-terms';
import {
  ATTR_KEY_PREFIX,
  attrValue,
  durationValue,
  KNOWN_KEYS,
  keyValue,
  type ValueResult,
} from './filter-values';

/** Terms read from one filter text; a longer one is cut, and the rest is one invalid term. */
export const MAX_FILTER_TERMS = 64;

const KEY_VALUE = /^([A-Za-z][\w.-]*):(.*)$/s;
const DURATION_COMPARISON = /^duration(>=|<=|>|<)(.*)$/is;

function isSpace(code: number): boolean {
  // The whitespace of JS \s: ASCII, NBSP, the Unicode spaces, line and paragraph separators, BOM.
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** [start, end) of each whitespace-separated word. */
function words(text: string): [number, number][] {
  const out: [number, number][] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    const start = i;
    while (i < text.length && !isSpace(text.charCodeAt(i))) i++;
    if (i > start) out.push([start, i]);
  }
  return out;
}

function regexTest(source: string): ValueResult {
  try {
    return { field: 'regex', regex: new RegExp(source, 'i') };
  } catch (error) {
    const message = error instanceof Error ? error.message : 'not a regular expression';
    return { reason: message };
  }
}

/** What the body of a term (without its `-`) tests, or why it cannot. */
function termTest(body: string): ValueResult {
  if (body.length >= 3 && body.startsWith('/') && body.endsWith('/')) {
    return regexTest(body.slice(1, -1));
  }
  const comparison = DURATION_COMPARISON.exec(body);
  if (comparison !== null) {
    const op = comparison[1] as '>' | '<' | '>=' | '<=';
    return durationValue(op, comparison[2] ?? '');
  }
  const pair = KEY_VALUE.exec(body);
  if (pair !== null) {
    const key = pair[1] ?? '';
    const value = pair[2] ?? '';
    const lower = key.toLowerCase();
    if (lower.startsWith(ATTR_KEY_PREFIX))
      return attrValue(key.slice(ATTR_KEY_PREFIX.length), value);
    if (KNOWN_KEYS.has(lower)) return keyValue(lower, value);
  }
  return { field: 'text', needle: body.toLowerCase() };
}

function term(text: string, start: number, end: number): FilterTerm {
  // A lone `-` is the text "-", as in DevTools (its regex needs a character after the sign).
  const negated = text.length > 1 && text.startsWith('-');
  const result = termTest(negated ? text.slice(1) : text);
  const place = { text, start, end, negated };
  return 'reason' in result
    ? { ...place, valid: false, reason: result.reason }
    : { ...place, valid: true, test: result };
}

export function parseFilter(text: string): ParsedFilter {
  if (typeof text !== 'string') return { terms: [], valid: true };
  const spans = words(text);
  const terms: FilterTerm[] = [];
  for (const [start, end] of spans.slice(0, MAX_FILTER_TERMS)) {
    terms.push(term(text.slice(start, end), start, end));
  }
  const rest = spans[MAX_FILTER_TERMS];
  const last = spans[spans.length - 1];
  if (rest !== undefined && last !== undefined) {
    const end = last[1];
    terms.push({
      text: text.slice(rest[0], end),
      start: rest[0],
      end,
      negated: false,
      valid: false,
      reason: `at most ${MAX_FILTER_TERMS} terms`,
    });
  }
  return { terms, valid: terms.every((t) => t.valid) };
}
