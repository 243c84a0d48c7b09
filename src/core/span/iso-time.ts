/**
 * HAR `startedDateTime`: ISO 8601 with a zone, e.g. `2026-11-22T17:02:27.324Z` (Chromium's toJSON)
 * or `2015-05-29T16:10:30.424+02:00` (Firefox). Parsed by hand: Date.parse accepts
 * implementation-defined formats beyond ISO (V8 reads "1" as the year 2001), so junk would pass.
 */

/**
 * The latest start time accepted (year 2286): OTLP times are unsigned 64-bit nanoseconds (until
 * 2554), and this leaves room for durations. Earlier than the epoch is refused for the same reason.
 */
export const MAX_EPOCH_MS = 10_000_000_000_000;

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

const MS_PER_MINUTE = 60_000;
const EPOCH_YEAR = 1970;

/** Epoch milliseconds (with any sub-millisecond fraction) of an ISO 8601 date-time, or null. */
export function parseIsoTime(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = ISO_DATE_TIME.exec(value);
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, fraction, zulu, sign, offH, offM] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  // Date.UTC reads years 0–99 as 1900–1999; the epoch bound below refuses them anyway.
  if (
    year < EPOCH_YEAR ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    return null;
  const base = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 31 February over into March; a real date reads back the same day.
  if (new Date(base).getUTCDate() !== day) return null;
  let offset = 0;
  if (zulu === undefined) {
    const offsetHours = Number(offH);
    const offsetMinutes = Number(offM);
    if (offsetHours > 23 || offsetMinutes > 59) return null;
    offset = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * MS_PER_MINUTE;
  }
  const ms = base + (fraction === undefined ? 0 : Number(`0.${fraction}`) * 1000) - offset;
  return Number.isFinite(ms) && ms >= 0 && ms <= MAX_EPOCH_MS ? ms : null;
}
