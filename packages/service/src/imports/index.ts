export { importDataDir } from './import-data-dir.ts';
export { importRecords } from './import-records.ts';
export {
  importBatch,
  type ImportOptions,
  type ImportResult,
  type KindImportResult,
  type RecordSource,
} from './import-batch.ts';
export { ImportError, formatRowError, type ImportErrorCode, type ImportRowError } from './import-error.ts';
export { createPseudonymiser, type Pseudonymiser } from './pseudonymise.ts';
export type { ByteSource, ImportFormat } from './raw-rows.ts';
export { seedDatabase, ensureDemoData, DEMO_AS_OF, DEMO_PERSONS, type SeedOptions } from './seed-database.ts';
