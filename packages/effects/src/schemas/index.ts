export { looksLikeCpr } from './cpr.ts';
export { isIsoDate } from './iso-date.ts';
export { recordSchemas, recordFields } from './record-schemas.ts';
export { parseRecord, toFieldIssues, type FieldIssue, type ParseResult } from './parse-record.ts';
export { compileCsvParser } from './fast-parse.ts';
