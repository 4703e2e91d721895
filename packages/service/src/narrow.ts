/**
 * Type guards for values whose type TypeScript does not know (parsed JSON, documents built by a
 * library, lookups by a key from outside), so code narrows them with a check instead of a cast.
 */

/**
 * Whether `value` is a JSON object (not null, not an array): then its fields can be read.
 *
 * @example isJsonObject({ a: 1 }) // true; isJsonObject([1]) // false
 */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether `key` is an own key of `object`, typed as one of its keys: for a lookup table written
 * as an object literal, whose own keys are exactly its type's.
 *
 * @example const FORMATS = { 'text/csv': 'csv' }; isOwnKey(FORMATS, type) ? FORMATS[type] : undefined
 */
export function isOwnKey<T extends object>(object: T, key: PropertyKey): key is keyof T {
  return Object.hasOwn(object, key);
}
