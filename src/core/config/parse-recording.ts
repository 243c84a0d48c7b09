import { DEFAULT_SENSITIVE_PARAMS } from '../span/redact';
import {
  describeValue,
  ownField,
  readBoolean,
  readList,
  readSection,
  type RawObject,
} from './parse-fields';
import { DEFAULT_CONFIG, type RecordingConfig } from './schema';

/** Bounds that keep retention meaningful: at least a page's worth of spans, at most ~1 GB. */
export const MIN_MAX_SPANS = 100;
export const MAX_MAX_SPANS = 2_000_000;
export const MAX_AGE_DAYS_LIMIT = 365;
const MAX_PARAM_NAME_LENGTH = 100;

function readNumber(
  section: RawObject,
  key: string,
  fallback: number,
  valid: (n: number) => boolean,
  rule: string,
  errors: string[],
): number {
  const value = ownField(section, key);
  if (value === undefined) return fallback;
  if (typeof value === 'number' && valid(value)) return value;
  errors.push(`recording.${key}: must be ${rule}, got ${describeValue(value)}`);
  return fallback;
}

function readParams(section: RawObject, errors: string[]): readonly string[] {
  const list = readList(section, 'sensitiveParams', errors, 'recording');
  if (list === undefined) return DEFAULT_SENSITIVE_PARAMS;
  const names: string[] = [];
  list.forEach((item, index) => {
    if (typeof item === 'string' && item.trim() !== '' && item.length <= MAX_PARAM_NAME_LENGTH) {
      names.push(item.trim().toLowerCase());
    } else {
      errors.push(
        `recording.sensitiveParams[${index}]: must be a parameter name of 1 to ${MAX_PARAM_NAME_LENGTH} characters, got ${describeValue(item)}`,
      );
    }
  });
  return [...new Set(names)];
}

/** The `recording` section: what the DevTools recorder stores and for how long. */
export function parseRecording(raw: RawObject, errors: string[]): RecordingConfig {
  const section = readSection(raw, 'recording', '', errors);
  const defaults = DEFAULT_CONFIG.recording;
  return {
    enabled: readBoolean(section, 'enabled', 'recording', defaults.enabled, errors),
    preserveLog: readBoolean(section, 'preserveLog', 'recording', defaults.preserveLog, errors),
    sensitiveParams: readParams(section, errors),
    maxSpans: readNumber(
      section,
      'maxSpans',
      defaults.maxSpans,
      (n) => Number.isInteger(n) && n >= MIN_MAX_SPANS && n <= MAX_MAX_SPANS,
      `a whole number from ${MIN_MAX_SPANS} to ${MAX_MAX_SPANS}`,
      errors,
    ),
    maxAgeDays: readNumber(
      section,
      'maxAgeDays',
      defaults.maxAgeDays,
      (n) => Number.isFinite(n) && n > 0 && n <= MAX_AGE_DAYS_LIMIT,
      `a number of days above 0 and at most ${MAX_AGE_DAYS_LIMIT}`,
      errors,
    ),
  };
}
