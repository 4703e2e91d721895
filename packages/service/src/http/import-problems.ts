import { ImportError } from '../imports/import-error.ts';
import { ProblemError } from './problem.ts';

/** `n` bad rows, nothing stored, and the batch that records it (when one was recorded). */
function rejectedDetail(count: number, batchId: number | null): string {
  const rows = count === 1 ? '1 række er ugyldig' : `${count} rækker er ugyldige`;
  const batch = batchId === null ? 'importen blev ikke registreret' : `import ${batchId}`;
  return `${rows}; intet er gemt (${batch}).`;
}

/** Maps a refused import to its problem; anything else is rethrown as it is (a 500). */
export function importProblem(error: unknown): unknown {
  if (!(error instanceof ImportError)) return error;
  switch (error.code) {
    case 'import-rejected':
      return new ProblemError(
        'invalid-records',
        rejectedDetail(error.errorCount, error.batchId),
        error.errors.map((row) => ({
          in: 'body' as const,
          name: row.field ? `line ${row.line}: ${row.field}` : `line ${row.line}`,
          message: row.message,
        })),
      );
    case 'pseudonym-key-missing':
      return new ProblemError(
        'validation',
        'Serveren kan ikke pseudonymisere: EVG_PSEUDONYM_KEY er ikke sat.',
        [{ in: 'query', name: 'pseudonymise', message: 'The server has no EVG_PSEUDONYM_KEY.' }],
      );
    case 'import-failed':
      return error;
    default:
      // A new ImportErrorCode must be mapped here: this stops compiling until it is.
      return error.code satisfies never;
  }
}
