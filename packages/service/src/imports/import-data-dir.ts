import { createReadStream } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { DataDirError } from '../data-dir/data-dir-error.ts';
import { findRecordFiles } from '../data-dir/record-files.ts';
import { recordImportBatch } from '../repositories/import-batches.ts';
import { importBatch, type ImportOptions, type ImportResult, type RecordSource } from './import-batch.ts';
import { ImportError } from './import-error.ts';
import { readRawRows } from './raw-rows.ts';

/**
 * `evg import --data DIR`: every record file of a contract data directory, as one
 * all-or-nothing batch (so offers and the enrollments that name them arrive together).
 *
 * @example
 * const result = await importDataDir(db, './synth', { source: 'cli', pseudonymise: false });
 * result.kinds; // [{ kind: 'benefit_types', rowsReceived: 9, rowsStored: 9, rowsChanged: 9, ... }, ...]
 */
export async function importDataDir(
  db: Kysely<Database>,
  dir: string,
  options: ImportOptions,
): Promise<ImportResult> {
  const startedAt = new Date();
  let files;
  try {
    files = await findRecordFiles(dir);
  } catch (error) {
    if (!(error instanceof DataDirError)) throw error;
    const batchId = await recordImportBatch(db, {
      kind: '(data directory)',
      source: options.source,
      key_id: options.keyId ?? null,
      started_at: startedAt,
      finished_at: new Date(),
      rows_received: 0,
      rows_stored: 0,
      outcome: 'rejected',
      errors: JSON.stringify(error.issues),
    });
    throw new ImportError('import-rejected', error.message, error.issues, error.totalIssues, batchId);
  }
  const sources: RecordSource[] = [...files.values()].map((file) => ({
    kind: file.kind,
    file: file.name,
    batches: readRawRows(createReadStream(file.path), file.format, file.kind, file.name),
  }));
  return importBatch(db, sources, options);
}
