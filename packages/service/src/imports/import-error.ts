import { redactCpr } from '@evg/effects';
import type { RowIssue } from '../data-dir/data-dir-error.ts';

export type ImportErrorCode =
  /** Some rows broke the contract; nothing was stored. `errors` lists them. */
  | 'import-rejected'
  /** Pseudonymisation was asked for but the server has no EVG_PSEUDONYM_KEY. */
  | 'pseudonym-key-missing'
  /** The database failed while storing; nothing was stored. */
  | 'import-failed';

/**
 * Why an import stored nothing. `code` is stable (callers switch on it, never on the message);
 * `errors` holds up to the error limit of bad rows, `errorCount` counts them all.
 *
 * @example
 * try { await importDataDir(db, dir); } catch (e) {
 *   if (e instanceof ImportError && e.code === 'import-rejected') for (const r of e.errors) report(r);
 * }
 */
export class ImportError extends Error {
  /** The bad rows, CPR-like runs masked: these are answered, logged and stored as they are. */
  readonly errors: readonly RowIssue[];

  constructor(
    readonly code: ImportErrorCode,
    message: string,
    errors: readonly RowIssue[] = [],
    readonly errorCount = errors.length,
    readonly batchId: number | null = null,
  ) {
    // The one place import errors are built: a header, key or value quoted in a message or
    // named as a field may be a CPR number, so every text is redacted here.
    super(redactCpr(message));
    this.name = 'ImportError';
    this.errors = errors.map(redactRowError);
  }
}

/** A row error with CPR-like runs masked in each of its texts. */
export function redactRowError<T extends RowIssue>(error: T): T {
  return {
    ...error,
    file: redactCpr(error.file),
    field: redactCpr(error.field),
    message: redactCpr(error.message),
  };
}
