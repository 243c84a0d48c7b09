import { describeFirstBad } from './text';
import {
  isTracestateKeyChar,
  isTracestateValueChar,
  TRACESTATE_MAX_KEY_LENGTH,
  TRACESTATE_MAX_SYSTEM_LENGTH,
  TRACESTATE_MAX_TENANT_LENGTH,
  TRACESTATE_MAX_VALUE_LENGTH,
} from './tracestate';

const KEY_ALPHABET = 'lowercase letters, digits, _ - * /';
const AT = 0x40;

function isLcAlpha(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

/** Why a simple key, tenant id or system id breaks its length or first-character rule, or null. */
function partError(
  subject: string,
  part: string,
  maxLength: number,
  digitFirst: boolean,
): string | null {
  if (part === '') return `${subject} is empty`;
  if (part.length > maxLength) {
    return `${subject} is ${String(part.length)} characters; at most ${String(maxLength)} allowed`;
  }
  const first = part.charCodeAt(0);
  if (!(isLcAlpha(first) || (digitFirst && first >= 0x30 && first <= 0x39))) {
    return `${subject} must start with a lowercase letter${digitFirst ? ' or digit' : ''}`;
  }
  return null;
}

function keyError(key: string): string | null {
  if (key === '') return 'key is empty';
  const subject = `key "${key}"`;
  const bad = describeFirstBad(key, (cp) => isTracestateKeyChar(cp) || cp === AT);
  if (bad !== null) return `${subject} may only contain ${KEY_ALPHABET} and one "@" (${bad})`;
  const at = key.indexOf('@');
  if (at < 0) return partError(subject, key, TRACESTATE_MAX_KEY_LENGTH, false);
  if (key.indexOf('@', at + 1) >= 0) return `${subject} may contain only one "@" (tenant@system)`;
  return (
    partError(
      `${subject}: tenant (before "@")`,
      key.slice(0, at),
      TRACESTATE_MAX_TENANT_LENGTH,
      true,
    ) ??
    partError(
      `${subject}: system (after "@")`,
      key.slice(at + 1),
      TRACESTATE_MAX_SYSTEM_LENGTH,
      false,
    )
  );
}

function valueError(value: string): string | null {
  if (value === '') return 'value is empty';
  if (value.length > TRACESTATE_MAX_VALUE_LENGTH) {
    return `value is ${String(value.length)} characters; at most ${String(TRACESTATE_MAX_VALUE_LENGTH)} allowed`;
  }
  const bad = describeFirstBad(value, isTracestateValueChar);
  if (bad !== null) return `value may only contain printable ASCII except "," and "=" (${bad})`;
  if (value.endsWith(' ')) return 'value must not end with a space';
  return null;
}

/**
 * W3C Trace Context §3.3.1.3: why a configured `key=value` tracestate entry is invalid, as a sentence
 * for the settings UI, or null when it is valid. The empty string means "no entry" and is valid.
 */
export function validateTracestateEntry(entry: string): string | null {
  if (entry === '') return null;
  const eq = entry.indexOf('=');
  if (eq < 0) return 'expected key=value (no "=" found)';
  return keyError(entry.slice(0, eq)) ?? valueError(entry.slice(eq + 1));
}
