import { BAGGAGE_MAX_BYTES } from './baggage';
import { encodeBaggageValue } from './baggage-format';
import { describeFirstBad, isTchar } from './text';

/**
 * W3C Baggage §3.2.1: why a configured entry would not be propagated, as a sentence for the settings
 * UI (e.g. `key "user id" is not a token (space at 5)`, positions 1-based), or null when it is fine.
 * Empty values are refused too: they are valid baggage, but OpenTelemetry drops them on extract.
 */
export function validateBaggageEntry(key: string, value: string): string | null {
  if (key === '') return 'key is empty';
  const bad = describeFirstBad(key, isTchar);
  if (bad !== null) return `key "${key}" is not a token (${bad})`;
  if (value === '') return `value of "${key}" is empty`;
  // A lone surrogate cannot be UTF-8 encoded; it would silently turn into U+FFFD on the wire.
  const lone = describeFirstBad(value, (cp) => cp < 0xd800 || cp > 0xdfff);
  if (lone !== null) return `value of "${key}" is not valid Unicode (unpaired surrogate ${lone})`;
  const bytes = key.length + 1 + encodeBaggageValue(value).length;
  if (bytes > BAGGAGE_MAX_BYTES) {
    return `entry "${key}" is ${String(bytes)} bytes encoded; the baggage header holds at most ${String(BAGGAGE_MAX_BYTES)}`;
  }
  return null;
}
