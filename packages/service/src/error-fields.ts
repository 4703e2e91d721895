/**
 * Fields of a value caught by `catch (error)`, which TypeScript types as `unknown`: read with a
 * check instead of a cast, so a thrown string or null yields undefined instead of a TypeError.
 */

/**
 * The string `code` of a thrown value (a Node system error's `ENOENT`, a PostgreSQL SQLSTATE
 * such as `23503`, `ERR_PARSE_ARGS_UNKNOWN_OPTION`), or undefined when it has none.
 *
 * @example errorCode(Object.assign(new Error('gone'), { code: 'ENOENT' })) // 'ENOENT'
 */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/**
 * The `message` of a thrown value as it is (a string for every Error), or undefined when it has
 * none.
 *
 * @example errorMessage(new Error('boom')) // 'boom'
 */
export function errorMessage(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'message' in error ? error.message : undefined;
}

/**
 * The `stack` of a thrown value as it is (a string for every Error), or undefined when it has
 * none.
 */
export function errorStack(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'stack' in error ? error.stack : undefined;
}
