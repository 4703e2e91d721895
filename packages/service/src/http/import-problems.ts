import { ImportError } from '../imports/import-error.ts';
import { ProblemError } from './problem.ts';

/** Maps a refused import to its problem; anything else is rethrown as it is (a 500). */
export function importProblem(error: unknown): unknown {
  if (!(error instanceof ImportError)) return error;
  switch (error.code) {
    case 'import-rejected':
      return new ProblemError(
        'invalid-records',
        `${error.errorCount} row(s) are invalid; nothing was stored (batch ${error.batchId ?? 'not recorded'}).`,
        error.errors.map((row) => ({
          in: 'body' as const,
          name: row.field ? `line ${row.line}: ${row.field}` : `line ${row.line}`,
          message: row.message,
        })),
      );
    case 'pseudonym-key-missing':
      return new ProblemError('validation', error.message, [
        { in: 'query', name: 'pseudonymise', message: 'The server has no EVG_PSEUDONYM_KEY.' },
      ]);
    case 'import-failed':
      return error;
    default:
      // A new ImportErrorCode must be mapped here: this stops compiling until it is.
      return error.code satisfies never;
  }
}
