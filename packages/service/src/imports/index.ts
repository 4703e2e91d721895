export { importDataDir } from './import-data-dir.ts';
export { importRecords } from './import-records.ts';
export {
  importBatch,
  type ImportOptions,
  type ImportResult,
  type KindImportResult,
  type RecordSource,
} from './import-batch.ts';
export { ImportError, type ImportErrorCode } from './import-error.ts';
export { createPseudonymiser, type Pseudonymiser } from './pseudonymise.ts';
export type { ByteSource, ImportFormat } from './raw-rows.ts';
