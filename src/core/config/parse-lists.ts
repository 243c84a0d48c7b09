/** The list sections of the settings: sites, targets and baggage. */
import {
  BAGGAGE_MAX_BYTES,
  BAGGAGE_MAX_MEMBERS,
  baggageByteLength,
  validateBaggageEntry,
} from '../propagation';
import { formatOriginPattern, parseOriginPattern } from './origin-pattern';
import { describeValue, isRawObject, ownField, readChoice, type RawObject } from './parse-fields';
import type { ConfigBaggageEntry, Target, TargetMode } from './schema';

const TARGET_MODES: readonly TargetMode[] = ['page', 'network'];

/**
 * Each site and target becomes declarativeNetRequest session rules on Chromium (one or two per
 * pattern, and per tab for network-mode targets; docs/ARCHITECTURE.md, "Rules"). These caps keep
 * a full config, with dozens of enabled tabs, inside Chrome's 5,000 session rules and 1,000
 * regex rules.
 */
export const MAX_SITES = 50;
export const MAX_TARGETS = 50;
/** Targets are other origins, so they default to the mode that needs no CORS change. */
const DEFAULT_TARGET_MODE: TargetMode = 'network';

/** A pattern field in canonical form, or null (and a recorded error). */
function readPattern(value: unknown, path: string, errors: string[]): string | null {
  if (typeof value !== 'string') {
    errors.push(
      `${path}: must be an origin pattern string such as "https://app.example.com", got ${describeValue(value)}`,
    );
    return null;
  }
  const pattern = parseOriginPattern(value);
  if (typeof pattern === 'string') {
    errors.push(`${path}: ${describeValue(value)}: ${pattern}`);
    return null;
  }
  return formatOriginPattern(pattern);
}

/** Pages the extension works on. Duplicates (after normalising) are dropped silently. */
export function parseSites(list: readonly unknown[], errors: string[]): string[] {
  const sites = new Set<string>();
  list.forEach((item, i) => {
    const pattern = readPattern(item, `sites[${String(i)}]`, errors);
    if (pattern !== null) sites.add(pattern);
  });
  if (sites.size > MAX_SITES) {
    errors.push(
      `sites: ${String(sites.size)} patterns; at most ${String(MAX_SITES)} fit in the browser's request rules`,
    );
  }
  return [...sites];
}

/**
 * Other destinations. A pattern listed twice is an error, since two modes for one destination
 * would leave the reader guessing which applies.
 */
export function parseTargets(list: readonly unknown[], errors: string[]): Target[] {
  const targets: Target[] = [];
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    const path = `targets[${String(i)}]`;
    if (!isRawObject(item)) {
      errors.push(
        `${path}: must be an object such as {"match": "https://api.example.com", "mode": "network"}, got ${describeValue(item)}`,
      );
      return;
    }
    const raw = ownField(item, 'match');
    let match: string | null = null;
    if (raw === undefined) errors.push(`${path}.match: is missing`);
    else match = readPattern(raw, `${path}.match`, errors);
    const mode = readChoice(item, 'mode', path, TARGET_MODES, DEFAULT_TARGET_MODE, errors);
    if (match === null) return;
    const first = seen.get(match);
    if (first !== undefined) {
      errors.push(`${path}.match: "${match}" is already listed at targets[${String(first)}]`);
      return;
    }
    seen.set(match, i);
    targets.push({ match, mode });
  });
  if (targets.length > MAX_TARGETS) {
    errors.push(
      `targets: ${String(targets.length)} patterns; at most ${String(MAX_TARGETS)} fit in the browser's request rules`,
    );
  }
  return targets;
}

function readEntryString(item: RawObject, key: string, path: string, errors: string[]) {
  const value = ownField(item, key);
  if (typeof value === 'string') return value;
  errors.push(
    value === undefined
      ? `${path}.${key}: is missing`
      : `${path}.${key}: must be a string, got ${describeValue(value)}`,
  );
  return null;
}

/**
 * Configured baggage. Every entry must be one the propagator sends (W3C Baggage §3.2.1), keys
 * are unique, and the whole list fits the §3.3 limits: entries past them would be dropped on
 * the wire without a word, so such settings are refused instead.
 */
export function parseBaggageEntries(
  list: readonly unknown[],
  errors: string[],
): ConfigBaggageEntry[] {
  const entries: ConfigBaggageEntry[] = [];
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    const path = `baggage[${String(i)}]`;
    if (!isRawObject(item)) {
      errors.push(
        `${path}: must be an object such as {"key": "user.id", "value": "12345"}, got ${describeValue(item)}`,
      );
      return;
    }
    const key = readEntryString(item, 'key', path, errors);
    const value = readEntryString(item, 'value', path, errors);
    if (key === null || value === null) return;
    const invalid = validateBaggageEntry(key, value);
    if (invalid !== null) {
      errors.push(`${path}: ${invalid}`);
      return;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push(`${path}: key "${key}" is already set by baggage[${String(first)}]`);
      return;
    }
    seen.set(key, i);
    entries.push({ key, value });
  });
  if (list.length > BAGGAGE_MAX_MEMBERS) {
    errors.push(
      `baggage: ${String(list.length)} entries; the baggage header carries at most ${String(BAGGAGE_MAX_MEMBERS)}`,
    );
  }
  const bytes = baggageByteLength(entries);
  if (bytes > BAGGAGE_MAX_BYTES) {
    errors.push(
      `baggage: the entries take ${String(bytes)} bytes in the baggage header; at most ${String(BAGGAGE_MAX_BYTES)} are sent`,
    );
  }
  return entries;
}
