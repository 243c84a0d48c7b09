/** Field readers for parseConfig: each returns the value or its fallback and records why not. */

export type RawObject = Readonly<Record<string, unknown>>;

const MAX_SHOWN = 60;

/** True for objects read as a settings section (arrays are lists, not sections). */
export function isRawObject(value: unknown): value is RawObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as a message shows it: strings quoted and shortened, containers by kind. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > MAX_SHOWN ? value.slice(0, MAX_SHOWN) + '…' : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** `a`, `a.b`: where a field sits, as messages name it. */
export function fieldPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

/**
 * An own property, or undefined when it is absent. Inherited properties are ignored so that an
 * object's prototype can never supply settings.
 */
export function ownField(object: RawObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** `"a", "b" or "c"`. */
export function listChoices(choices: readonly string[]): string {
  const quoted = choices.map((c) => `"${c}"`);
  const last = quoted.pop() ?? '';
  return quoted.length === 0 ? last : `${quoted.join(', ')} or ${last}`;
}

export function readBoolean(
  object: RawObject,
  key: string,
  parent: string,
  fallback: boolean,
  errors: string[],
): boolean {
  const value = ownField(object, key);
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  errors.push(`${fieldPath(parent, key)}: must be true or false, got ${describeValue(value)}`);
  return fallback;
}

export function readChoice<T extends string>(
  object: RawObject,
  key: string,
  parent: string,
  choices: readonly T[],
  fallback: T,
  errors: string[],
): T {
  const value = ownField(object, key);
  if (value === undefined) return fallback;
  const found = choices.find((choice) => choice === value);
  if (found !== undefined) return found;
  errors.push(
    `${fieldPath(parent, key)}: must be ${listChoices(choices)}, got ${describeValue(value)}`,
  );
  return fallback;
}

export function readString(
  object: RawObject,
  key: string,
  parent: string,
  fallback: string,
  errors: string[],
): string {
  const value = ownField(object, key);
  if (value === undefined) return fallback;
  if (typeof value === 'string') return value;
  errors.push(`${fieldPath(parent, key)}: must be a string, got ${describeValue(value)}`);
  return fallback;
}

/** A nested section; an empty one when absent or malformed (so its defaults apply). */
export function readSection(
  object: RawObject,
  key: string,
  parent: string,
  errors: string[],
): RawObject {
  const value = ownField(object, key);
  if (value === undefined) return {};
  if (isRawObject(value)) return value;
  errors.push(`${fieldPath(parent, key)}: must be an object, got ${describeValue(value)}`);
  return {};
}

/** A list, or undefined when absent (defaults apply) or not a list (recorded). */
export function readList(
  object: RawObject,
  key: string,
  errors: string[],
  parent = '',
): readonly unknown[] | undefined {
  const value = ownField(object, key);
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value as readonly unknown[];
  errors.push(`${fieldPath(parent, key)}: must be a list, got ${describeValue(value)}`);
  return undefined;
}
