import type { z } from 'zod';
import type { RecordKind, RecordsByKind } from '../records.ts';
import { recordSchemas } from './record-schemas.ts';

/** One problem with one field of a raw row; `message` never contains the field's value. */
export interface FieldIssue {
  /** The contract's snake_case field name. */
  field: string;
  message: string;
}

export type ParseResult<K extends RecordKind> =
  { ok: true; record: RecordsByKind[K] } | { ok: false; issues: FieldIssue[] };

/**
 * Validates one raw row (CSV strings or NDJSON values, snake_case names) of record kind `kind`
 * and returns the camelCase record, or every problem found, one per field.
 *
 * @example
 * parseRecord('persons', { person_id: 'P1', birth_date: '1990-02-30' });
 * // → { ok: false, issues: [{ field: 'birth_date', message: 'must be a date YYYY-MM-DD that exists' }] }
 */
export function parseRecord<K extends RecordKind>(kind: K, raw: unknown): ParseResult<K> {
  const result = recordSchemas[kind].safeParse(raw);
  if (result.success) return { ok: true, record: result.data };
  return { ok: false, issues: toFieldIssues(result.error.issues) };
}

/** Zod issues as field issues; an unknown-keys issue becomes one issue per unknown field. */
export function toFieldIssues(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ field: key, message: 'is not a field of this record kind' });
    } else if (issue.path.length === 0) {
      out.push({ field: '', message: 'must be an object with named fields' });
    } else {
      out.push({ field: String(issue.path[0]), message: issue.message });
    }
  }
  return out;
}
