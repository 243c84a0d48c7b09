/**
 * Reading an untrusted HAR entry: every field may be missing or of any type. Only own properties
 * are read, so a key such as `constructor` or `__proto__` never reaches Object.prototype.
 */

export type HarObject = Readonly<Record<string, unknown>>;

/** `value` when it is a non-array object, else null. */
export function asObject(value: unknown): HarObject | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as HarObject)
    : null;
}

/** The own property `key` of `obj`, or undefined. */
export function field(obj: HarObject | null, key: string): unknown {
  return obj !== null && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** The own object property `key`, or null. */
export function objectField(obj: HarObject | null, key: string): HarObject | null {
  return asObject(field(obj, key));
}

/** The own string property `key`, or undefined. */
export function stringField(obj: HarObject | null, key: string): string | undefined {
  const value = field(obj, key);
  return typeof value === 'string' ? value : undefined;
}

/** The own property `key` when it is a finite number, or undefined. */
export function numberField(obj: HarObject | null, key: string): number | undefined {
  const value = field(obj, key);
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  // JSON can spell -0; a span attribute of -0 would be stored unlike its JSON and exported as 0.
  return value === 0 ? 0 : value;
}

/** The own property `key` when it is a whole number ≥ 0 (a size), or undefined. */
export function sizeField(obj: HarObject | null, key: string): number | undefined {
  const value = numberField(obj, key);
  return value !== undefined && value >= 0 && Number.isSafeInteger(value) ? value : undefined;
}

/** `s` cut to `max` UTF-16 code units, never between the halves of a surrogate pair. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const last = s.charCodeAt(max - 1);
  return s.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/** A short descriptive string field (resource type, priority): non-empty, capped. */
export function labelField(obj: HarObject | null, key: string, max: number): string | undefined {
  const value = stringField(obj, key);
  return value === undefined || value === '' ? undefined : truncate(value, max);
}
