export { canonicalPersonId, CPR_REDACTED, looksLikeCpr, redactCpr } from './cpr.ts';
export { isIsoDate } from './iso-date.ts';
export { recordSchemas, recordFields, TEXT_LIMITS, VALUE_RANGES } from './record-schemas.ts';
export { parseRecord, toFieldIssues, type FieldIssue, type ParseResult } from './parse-record.ts';
export { compileCsvParser } from './fast-parse.ts';
