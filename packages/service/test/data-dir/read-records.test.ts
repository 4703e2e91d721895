import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordKind } from '@evg/effects';
import { afterAll, describe, expect, it } from 'vitest';
import { IssueCollector } from '../../src/data-dir/data-dir-error.ts';
import { loadAll } from '../../src/data-dir/open-data-dir.ts';
import type { DataFormat, RecordFile } from '../../src/data-dir/record-files.ts';
import { SMALL, writeDataDir, writeRawFiles } from './fixture.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function fileOf<K extends RecordKind>(dir: string, kind: K, format: DataFormat = 'csv') {
  const name = `${kind}.${format}`;
  return { kind, format, name, path: join(dir, name) } as RecordFile & { kind: K };
}

async function load<K extends RecordKind>(files: Record<string, string>, kind: K) {
  const dir = await writeRawFiles(files);
  dirs.push(dir);
  const issues = new IssueCollector();
  const rows = await loadAll(
    fileOf(dir, kind, files[`${kind}.csv`] === undefined ? 'ndjson' : 'csv'),
    issues,
  );
  return { rows, issues: issues.issues };
}

describe('readRecords: validated records with their lines', () => {
  it('reads CSV and NDJSON into the same records', async () => {
    const csv = await writeDataDir(SMALL, 'csv');
    const ndjson = await writeDataDir(SMALL, 'ndjson');
    dirs.push(csv, ndjson);
    for (const kind of Object.keys(SMALL) as RecordKind[]) {
      const issues = new IssueCollector();
      const fromCsv = await loadAll(fileOf(csv, kind, 'csv'), issues);
      const fromNdjson = await loadAll(fileOf(ndjson, kind, 'ndjson'), issues);
      expect(issues.issues).toEqual([]);
      expect(fromCsv.map((row) => row.record)).toEqual(fromNdjson.map((row) => row.record));
      expect(fromCsv).toHaveLength(SMALL[kind]!.length);
    }
  });

  it('keeps a quoted description with a comma, quotes and a newline, and counts lines after it', async () => {
    const csv = await writeDataDir(SMALL, 'csv');
    dirs.push(csv);
    const offers = await loadAll(fileOf(csv, 'offers'), new IssueCollector());
    expect(offers[0]?.record.description).toBe('Praktik, "job"\nog mere');
    expect(offers.map((row) => row.line)).toEqual([2, 4]);
  });

  it('refuses an unknown column once, naming file and column, and reads no rows of that file', async () => {
    const { rows, issues } = await load(
      { 'persons.csv': 'person_id,birthdate\nP1,1990-01-01\nP2,1991-01-01\n' },
      'persons',
    );
    expect(rows).toEqual([]);
    expect(issues).toEqual([
      { file: 'persons.csv', line: 1, field: 'birthdate', message: 'is not a column of persons' },
    ]);
  });

  it('collects every bad row with file, line and field, and keeps the good ones', async () => {
    const text = [
      'enrollment_id,person_id,offer_id,target_group,start_date,end_date',
      'E1,P1,O1,jobparat,2024-01-15,2024-03-31',
      'E2,P1,O1,jobparat,2024-02-30,',
      'E3,P2,O1,,2024-01-15,2024-01-14',
      'E4,P2,O1,jobparat,2024-01-15',
      'E5,0101901234,O1,jobparat,2024-01-15,',
    ].join('\n');
    const { rows, issues } = await load({ 'enrollments.csv': text }, 'enrollments');
    expect(rows.map((row) => [row.record.enrollmentId, row.line])).toEqual([['E1', 2]]);
    expect(issues).toEqual([
      {
        file: 'enrollments.csv',
        line: 3,
        field: 'start_date',
        message: 'must be a date YYYY-MM-DD that exists',
      },
      { file: 'enrollments.csv', line: 4, field: 'target_group', message: 'is required' },
      { file: 'enrollments.csv', line: 5, field: '', message: 'has 5 fields but the header has 6' },
      {
        file: 'enrollments.csv',
        line: 6,
        field: 'person_id',
        message: 'looks like a CPR number; import it with pseudonymisation instead',
      },
    ]);
    expect(JSON.stringify(issues)).not.toContain('0101901234');
  });

  it('names the line of bad JSON and of a bad NDJSON row', async () => {
    const bad = await load(
      {
        'persons.ndjson':
          '{"person_id":"P1","birth_date":"1990-01-01"}\n\n{"person_id":"P2","birth_date":"1990-13-01"}\n',
      },
      'persons',
    );
    expect(bad.issues).toEqual([
      {
        file: 'persons.ndjson',
        line: 3,
        field: 'birth_date',
        message: 'must be a date YYYY-MM-DD that exists',
      },
    ]);
    const error = await load(
      { 'persons.ndjson': '{"person_id":"P1","birth_date":"1990-01-01"}\n{oops\n' },
      'persons',
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'invalid-data',
      issues: [{ file: 'persons.ndjson', line: 2, message: 'is not valid JSON' }],
    });
  });

  it('stops collecting at the limit but counts every bad row', async () => {
    const lines = ['person_id,birth_date', ...Array.from({ length: 150 }, (_, i) => `P${i},1990-02-30`)];
    const dir = await writeRawFiles({ 'persons.csv': lines.join('\n') });
    dirs.push(dir);
    const issues = new IssueCollector(100);
    await loadAll(fileOf(dir, 'persons'), issues);
    expect(issues.issues).toHaveLength(100);
    expect(issues.total).toBe(150);
  });
});
