import { encodeBaggageValue } from './baggage-format';
import { describeFirstBad, isTchar } from './text';

/**
 * The longest list-member OpenTelemetry JS extracts (`BAGGAGE_MAX_PER_NAME_VALUE_PAIRS` in
 * @opentelemetry/core): a longer one is valid W3C baggage but dropped by the official propagator.
 */
export const BAGGAGE_MAX_MEMBER_BYTES = 4096;

/**
 * W3C Baggage §3.2.1: why a configured entry would not be propagated, as a sentence for the settings
 * UI (e.g. `key "user id" is not a token (space at 5)`, positions 1-based), or null when it is fine.
 * Entries that are valid baggage but that OpenTelemetry's W3CBaggagePropagator would drop or change
 * on extract are refused too, so what a server's SDK sees is what the user configured: empty values,
 * keys with "%" (it percent-decodes keys: `a%41` becomes `aA`, and a bad escape drops the member),
 * and members over BAGGAGE_MAX_MEMBER_BYTES.
 */
export function validateBaggageEntry(key: string, value: string): string | null {
  if (key === '') return 'key is empty';
  const bad = describeFirstBad(key, isTchar);
  if (bad !== null) return `key "${key}" is not a token (${bad})`;
  const percent = key.indexOf('%');
  if (percent >= 0) {
    return `key "${key}" contains "%" at ${String(percent + 1)}; OpenTelemetry percent-decodes baggage keys, so servers would see another key or none`;
  }
  if (value === '') return `value of "${key}" is empty`;
  // A lone surrogate cannot be UTF-8 encoded; it would silently turn into U+FFFD on the wire.
  const lone = describeFirstBad(value, (cp) => cp < 0xd800 || cp > 0xdfff);
  if (lone !== null) return `value of "${key}" is not valid Unicode (unpaired surrogate ${lone})`;
  const bytes = key.length + 1 + encodeBaggageValue(value).length;
  if (bytes > BAGGAGE_MAX_MEMBER_BYTES) {
    return `entry "${key}" is ${String(bytes)} bytes encoded; OpenTelemetry drops baggage entries over ${String(BAGGAGE_MAX_MEMBER_BYTES)} bytes`;
  }
  return null;
}
