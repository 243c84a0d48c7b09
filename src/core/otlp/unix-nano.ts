/**
 * Span times between RecordedSpan's epoch milliseconds (with fractions, HAR's precision) and OTLP's
 * `*UnixNano` fields: fixed64 nanoseconds, written in OTLP/JSON as decimal strings (proto3 JSON
 * mapping of 64-bit integers). Multiplying by 1e6 in floating point would round twice and can be off
 * by a nanosecond or, above 2^53 ns, by hundreds; these conversions are exact.
 */

/** The largest fixed64 value, 2^64 − 1 ns (the year 2554). */
export const MAX_UNIX_NANO = 18_446_744_073_709_551_615n;
const MAX_UNIX_NANO_TEXT = MAX_UNIX_NANO.toString();
/** Digits of MAX_UNIX_NANO: a longer decimal string cannot be a fixed64. */
const MAX_UNIX_NANO_DIGITS = MAX_UNIX_NANO_TEXT.length;
/** Digits after the decimal point of a millisecond value written in nanoseconds. */
const NANO_DIGITS_PER_MS = 6;

const DECIMAL = /^[0-9]+$/;

/**
 * `ms` (epoch milliseconds, any fraction) as whole nanoseconds, a decimal string without leading
 * zeros, rounded half up. Number#toFixed rounds the double's exact value (ECMA-262
 * Number.prototype.toFixed: "let n be an integer for which n / 10^f − x is as close to zero as
 * possible; if there are two such n, pick the larger"), so no float multiplication is involved.
 * Negative, non-finite and zero times give "0"; times past MAX_UNIX_NANO give MAX_UNIX_NANO.
 */
export function msToUnixNano(ms: number): string {
  if (typeof ms !== 'number' || !(ms > 0)) return '0';
  // toFixed is exact only below 1e21, and fixed64 ends long before that.
  if (ms >= 1e15) return MAX_UNIX_NANO_TEXT;
  const fixed = ms.toFixed(NANO_DIGITS_PER_MS);
  const point = fixed.length - NANO_DIGITS_PER_MS - 1;
  // String work only (no regex, no BigInt): this runs three times per exported span.
  const digits =
    ms >= 1
      ? fixed.slice(0, point) + fixed.slice(point + 1)
      : String(Number(fixed.slice(point + 1)));
  // Equal lengths of decimal digits compare as their numbers do.
  if (digits.length < MAX_UNIX_NANO_TEXT.length) return digits;
  return digits.length > MAX_UNIX_NANO_TEXT.length || digits > MAX_UNIX_NANO_TEXT
    ? MAX_UNIX_NANO_TEXT
    : digits;
}

/**
 * A `*UnixNano` value as epoch milliseconds, or null when it is not one: a decimal string of at most
 * 20 digits within fixed64 (what OTLP/JSON writes), or a non-negative integer number (what some
 * encoders write, already imprecise above 2^53). The decimal string is converted in one correctly
 * rounded step (`int.frac` parsed as one number), so an epoch time written by msToUnixNano comes
 * back as the same double.
 */
export function unixNanoToMs(value: unknown): number | null {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 && value <= Number(MAX_UNIX_NANO)
      ? value / 1e6
      : null;
  }
  if (typeof value !== 'string' || value.length > MAX_UNIX_NANO_DIGITS || !DECIMAL.test(value)) {
    return null;
  }
  if (BigInt(value) > MAX_UNIX_NANO) return null;
  const padded = value.padStart(NANO_DIGITS_PER_MS + 1, '0');
  const cut = padded.length - NANO_DIGITS_PER_MS;
  return Number(`${padded.slice(0, cut)}.${padded.slice(cut)}`);
}
