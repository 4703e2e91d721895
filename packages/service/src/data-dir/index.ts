export {
  DataDirError,
  IssueCollector,
  describeIssues,
  type RowIssue,
  type DataDirErrorCode,
} from './data-dir-error.ts';
export { findRecordFiles, type DataFormat, type RecordFile } from './record-files.ts';
export { readCsvRows, type CsvBatch } from './csv-rows.ts';
export { readNdjsonRows, type NdjsonBatch } from './ndjson-rows.ts';
export { readRecords, type RecordBatch } from './read-records.ts';
export { openDataDir, loadAll, type DataDir, type DataDirCatalog, type Located } from './open-data-dir.ts';
export { forEachPerson, type ForEachPersonOptions, type ForEachPersonResult } from './for-each-person.ts';
export { createRecordWriter, csvLine, RecordWriter, type RawRow, type RawValue } from './record-writer.ts';
