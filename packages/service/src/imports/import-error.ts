import { redactCpr } from '@evg/effects';

/** One bad row of an import: where it is and what is wrong, never the offending value of a person id. */
export interface ImportRowError {
  /** File name (`persons.csv`) or, for an HTTP body, the record kind. */
  file: string;
  /** 1-based line of the row in its file (CSV: the header is line 1). */
  line: number;
  /** The contract's field name; '' when the row as a whole is wrong. */
  field: string;
  message: string;
}

export type ImportErrorCode =
  /** Some rows broke the contract; nothing was stored. `errors` lists them. */
  | 'IMPORT_REJECTED'
  /** Pseudonymisation was asked for but the server has no EVG_PSEUDONYM_KEY. */
  | 'PSEUDONYM_KEY_MISSING'
  /** The database failed while storing; nothing was stored. */
  | 'IMPORT_FAILED';

/**
 * Why an import stored nothing. `code` is stable (callers switch on it, never on the message);
 * `errors` holds up to the error limit of bad rows, `errorCount` counts them all.
 *
 * @example
 * try { await importDataDir(db, dir); } catch (e) {
 *   if (e instanceof ImportError && e.code === 'IMPORT_REJECTED') for (const r of e.errors) report(r);
 * }
 */
export class ImportError extends Error {
  /** The bad rows, CPR-like runs masked: these are answered, logged and stored as they are. */
  readonly errors: readonly ImportRowError[];

  constructor(
    readonly code: ImportErrorCode,
    message: string,
    errors: readonly ImportRowError[] = [],
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
export function redactRowError<T extends ImportRowError>(error: T): T {
  return {
    ...error,
    file: redactCpr(error.file),
    field: redactCpr(error.field),
    message: redactCpr(error.message),
  };
}

/** `persons.csv line 4, field birth_date: must be a date` — one line per error. */
export function formatRowError(error: ImportRowError): string {
  const field = error.field ? `, field ${error.field}` : '';
  return `${error.file} line ${error.line}${field}: ${error.message}`;
}
