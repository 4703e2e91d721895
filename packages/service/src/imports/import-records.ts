import type { Kysely } from 'kysely';
import type { RecordKind } from '@evg/effects';
import type { Database } from '../db/database.ts';
import { importBatch, type ImportOptions, type ImportResult } from './import-batch.ts';
import { readRawRows, type ByteSource, type ImportFormat } from './raw-rows.ts';

/**
 * The HTTP import of one record kind: a CSV or NDJSON body, streamed (never buffered whole),
 * stored all-or-nothing. Errors name the kind as the file, with the body's line numbers.
 *
 * @example
 * // in a route: await importRecords(db, 'persons', request.raw, { format: 'csv', source: 'http', keyId });
 */
export async function importRecords(
  db: Kysely<Database>,
  kind: RecordKind,
  body: ByteSource,
  options: ImportOptions & { format: ImportFormat },
): Promise<ImportResult> {
  return importBatch(
    db,
    [{ kind, file: kind, batches: readRawRows(body, options.format, kind, kind) }],
    options,
  );
}
