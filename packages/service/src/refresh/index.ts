export { refreshEffects, type RefreshOptions, type RefreshResult } from './refresh-effects.ts';
export { RefreshError, type RefreshErrorCode } from './refresh-error.ts';
export { resolveAsOf, type ResolvedAsOf } from './as-of.ts';
export { STANDARD_GROUPINGS, type StandardGrouping } from './standard-groupings.ts';
export { getRefreshStatus, type RefreshStatus } from '../repositories/refresh-runs.ts';
