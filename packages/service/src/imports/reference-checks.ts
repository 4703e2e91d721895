import { looksLikeCpr } from '@evg/effects';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { RowIssue } from '../data-dir/data-dir-error.ts';
import { missingReferences, type StagedReference } from './import-sql.ts';

/** A reference check with what its errors name: the file and the contract's field. */
export interface ReferenceCheck extends StagedReference {
  /** The contract's field name, for the error. */
  field: string;
  file: string;
}

/**
 * Rows whose reference resolves neither to a stored row nor to a row of the same import: up
 * to `limit` of them with their lines, and how many there are in all. One set-based query.
 */
export async function findMissingReferences(
  trx: Kysely<Database>,
  check: ReferenceCheck,
  limit: number,
): Promise<{ errors: RowIssue[]; total: number }> {
  const ref = check.reference;
  const { rows } = await missingReferences(check, limit).execute(trx);
  const errors = rows.map((row) => ({
    file: check.file,
    line: row.line,
    field: check.field,
    // A CPR number in the wrong field must not be echoed either.
    message:
      ref.echo && !looksLikeCpr(row.value)
        ? `${ref.noun} '${row.value}' does not exist (neither stored nor in this import)`
        : `refers to a ${ref.noun} that does not exist (neither stored nor in this import)`,
  }));
  return { errors, total: rows[0]?.total ?? 0 };
}
