import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { RECORD_KINDS, type RecordKind } from '@evg/effects';
import { DataDirError, type RowIssue } from './data-dir-error.ts';

export type DataFormat = 'csv' | 'ndjson';

export interface RecordFile {
  kind: RecordKind;
  format: DataFormat;
  /** Absolute or caller-relative path. */
  path: string;
  /** Name within the directory, used in error messages. */
  name: string;
}

/**
 * The file of `kind` in `files` (as findRecordFiles found them), typed as a file of that kind,
 * or undefined when the directory has none.
 *
 * @example recordFile(files, 'offers')?.kind // 'offers'
 */
export function recordFile<K extends RecordKind>(
  files: ReadonlyMap<RecordKind, RecordFile>,
  kind: K,
): (RecordFile & { kind: K }) | undefined {
  const file = files.get(kind);
  return file !== undefined && isFileOf(file, kind) ? file : undefined;
}

function isFileOf<K extends RecordKind>(file: RecordFile, kind: K): file is RecordFile & { kind: K } {
  return file.kind === kind;
}

/**
 * The record files of a contract data directory: `<kind>.csv` or `<kind>.ndjson`. A kind with
 * no file has no rows; a kind with both files is an error (which one would be meant?). Other
 * files in the directory are ignored.
 *
 * @example
 * const files = await findRecordFiles('/tmp/d');
 * files.get('persons'); // { kind: 'persons', format: 'csv', path: '/tmp/d/persons.csv', name: 'persons.csv' }
 */
export async function findRecordFiles(dir: string): Promise<Map<RecordKind, RecordFile>> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw new DataDirError('not-a-directory', [
      { file: dir, line: 0, field: '', message: 'is not a readable directory' },
    ]);
  }
  const present = new Set(names);
  const files = new Map<RecordKind, RecordFile>();
  const issues: RowIssue[] = [];
  for (const kind of RECORD_KINDS) {
    const csv = present.has(`${kind}.csv`);
    const ndjson = present.has(`${kind}.ndjson`);
    if (csv && ndjson) {
      issues.push({
        file: `${kind}.csv`,
        line: 0,
        field: '',
        message: `both ${kind}.csv and ${kind}.ndjson exist; keep one`,
      });
    } else if (csv || ndjson) {
      const format: DataFormat = csv ? 'csv' : 'ndjson';
      const name = `${kind}.${format}`;
      files.set(kind, { kind, format, path: join(dir, name), name });
    }
  }
  if (issues.length > 0) throw new DataDirError('invalid-data', issues);
  return files;
}
