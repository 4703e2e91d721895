import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirError } from '../../src/data-dir/data-dir-error.ts';
import { findRecordFiles } from '../../src/data-dir/record-files.ts';
import { writeRawFiles } from './fixture.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('findRecordFiles', () => {
  it('finds each kind as CSV or NDJSON; a missing kind has no file; other files are ignored', async () => {
    const dir = await writeRawFiles({ 'persons.csv': '', 'offers.ndjson': '', 'README.txt': '' });
    dirs.push(dir);
    const files = await findRecordFiles(dir);
    expect([...files.keys()]).toEqual(['offers', 'persons']);
    expect(files.get('offers')).toEqual({
      kind: 'offers',
      format: 'ndjson',
      name: 'offers.ndjson',
      path: join(dir, 'offers.ndjson'),
    });
  });

  it('refuses a kind given both as CSV and NDJSON', async () => {
    const dir = await writeRawFiles({ 'persons.csv': '', 'persons.ndjson': '' });
    dirs.push(dir);
    const error = await findRecordFiles(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirError);
    expect(error).toMatchObject({
      code: 'invalid-data',
      issues: [{ file: 'persons.csv', message: expect.stringContaining('persons.ndjson') }],
    });
  });

  it('refuses a directory that does not exist', async () => {
    await expect(findRecordFiles('/nonexistent/evg')).rejects.toMatchObject({ code: 'not-a-directory' });
  });
});
