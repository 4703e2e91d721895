import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from '../../src/imports/import-records.ts';
import { catalogRevision } from '../../src/repositories/catalog-revision.ts';
import { importValidFiles } from '../support/contract-files.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe('the catalogue revision the API instances poll', () => {
  it('grows when an import changes catalogue rows, not when it finds them as they were', async () => {
    await importValidFiles(t.db);
    const first = await catalogRevision(t.db);
    expect(first).toBeGreaterThan(0);

    // A daily extract that re-sends the same catalogue: every statement runs, no row changes.
    await importValidFiles(t.db);
    expect(await catalogRevision(t.db)).toBe(first);

    const renamed = 'offer_id,provider_id,name,package\nOF2,PR2,Mentorforløb for unge,mentorpakke\n';
    await importRecords(t.db, 'offers', Readable.from([renamed]), { format: 'csv', source: 'test' });
    expect(await catalogRevision(t.db)).toBe(first + 1);

    await t.db.deleteFrom('supervisions').where('supervision_id', '=', 'V1').execute();
    expect(await catalogRevision(t.db)).toBe(first + 2);
    await t.db.deleteFrom('supervisions').where('supervision_id', '=', 'no-such-visit').execute();
    expect(await catalogRevision(t.db)).toBe(first + 2);
  });
});
