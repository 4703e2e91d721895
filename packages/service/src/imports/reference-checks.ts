import { looksLikeCpr } from '@evg/effects';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { RowIssue } from '../data-dir/data-dir-error.ts';
import type { ReferenceSpec } from './kind-specs.ts';

export interface ReferenceCheck {
  /** Staging table and column holding the references. */
  stage: string;
  column: string;
  /** The contract's field name, for the error. */
  field: string;
  file: string;
  reference: ReferenceSpec;
  /** The staging table of the referenced kind in this same import, if any. */
  targetStage: string | null;
  /** Extra SQL condition on the staged rows (offer codes: which list). */
  filter?: string;
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
  const { reference: ref, stage, column } = check;
  const inStage = check.targetStage
    ? `AND NOT EXISTS (SELECT 1 FROM ${check.targetStage} x WHERE x.${ref.targetColumn} = s.${column})`
    : '';
  const { rows } = await sql
    .raw<{ line: number; value: string; total: number }>(
      `SELECT s.line, s.${column} AS value, count(*) OVER ()::integer AS total
       FROM ${stage} s
       WHERE s.${column} IS NOT NULL ${check.filter ? `AND s.${check.filter}` : ''}
         AND NOT EXISTS (SELECT 1 FROM ${ref.table} t WHERE t.${ref.targetColumn} = s.${column})
         ${inStage}
       ORDER BY s.line LIMIT ${Math.max(1, Math.floor(limit))}`,
    )
    .execute(trx);
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
