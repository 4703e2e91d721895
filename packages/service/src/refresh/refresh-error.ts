export type RefreshErrorCode =
  /** Another refresh holds the lock; this one did nothing. */
  | 'refresh-running'
  /** No asOf given and no benefit data to derive it from. */
  | 'no-as-of'
  /** The computation or the database failed; the previous data version stays current. */
  | 'refresh-failed';

/** Why a refresh published nothing; `code` is stable. */
export class RefreshError extends Error {
  constructor(
    readonly code: RefreshErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RefreshError';
  }
}
