/**
 * The refresh lock on the embedded database, whose one session grants advisory locks
 * re-entrantly: without the lock kept in the process, an import would commit in the middle
 * of a refresh reading the records, and a second refresh would get the lock too.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  holdSharedRefreshLock,
  withExclusiveRefreshLock,
  withSharedRefreshLock,
} from '../../src/db/advisory-locks.ts';
import type { DbHandle as Handle } from '../../src/db/create-db.ts';

/** An import's locking: the process lock shared, then a transaction holding the database lock shared. */
function asImport<T>(db: Handle['db'], work: () => Promise<T>): Promise<T> {
  return withSharedRefreshLock(db, () =>
    db.transaction().execute(async (trx) => {
      await holdSharedRefreshLock(trx);
      return work();
    }),
  );
}
import { createDb, type DbHandle } from '../../src/db/create-db.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { importRecords } from '../../src/imports/import-records.ts';
import { refreshEffects } from '../../src/refresh/refresh-effects.ts';

let dir: string;
let handle: DbHandle;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'evg-refresh-lock-'));
  handle = await createDb({ dataDir: dir, maxConnections: 4 });
  await migrateToLatest(handle.db);
}, 120_000);
afterAll(async () => {
  await handle?.close();
  await rm(dir, { recursive: true, force: true });
});

function gate(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

async function* body(text: string): AsyncGenerator<Buffer> {
  yield Buffer.from(text);
}

const settledWithin = (promise: Promise<unknown>, ms: number) =>
  Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
  ]);

describe('the refresh lock on the embedded database', () => {
  it('makes an import wait for a refresh holding it, while reads go on', async () => {
    const refreshing = gate();
    const held = withExclusiveRefreshLock(handle.db, () => refreshing.opened.then(() => 'done'));
    // A second refresh is refused, though the one session would grant the advisory lock again.
    expect(await withExclusiveRefreshLock(handle.db, async () => 'second')).toEqual({ locked: false });
    const imported = importRecords(handle.db, 'persons', body('person_id,birth_date\nlock-1,1990-05-17\n'), {
      format: 'csv',
      source: 'test',
    });
    expect(await settledWithin(imported, 500)).toBe(false);
    // The waiting import holds no database session: reads are served meanwhile.
    const persons = await handle.db.selectFrom('persons').select('person_id').execute();
    expect(persons).toEqual([]);
    refreshing.open();
    expect(await held).toEqual({ locked: true, value: 'done' });
    expect(await imported).toMatchObject({ rowsStored: 1 });
  });

  it('lets a refresh wait for a running import, and new imports wait for that refresh', async () => {
    const importing = gate();
    const entered = gate();
    const first = asImport(handle.db, async () => {
      entered.open();
      await importing.opened;
    });
    await entered.opened;
    const refreshEntered = gate();
    const refreshing = gate();
    let refreshStarted = false;
    const refresh = withExclusiveRefreshLock(handle.db, async () => {
      refreshStarted = true;
      refreshEntered.open();
      await refreshing.opened;
      return 'refreshed';
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(refreshStarted).toBe(false);
    // A refresh waiting for imports already counts: a second one is refused, a new import waits.
    expect(await withExclusiveRefreshLock(handle.db, async () => 'second')).toEqual({ locked: false });
    const later = asImport(handle.db, async () => 'later');
    importing.open();
    await first;
    await refreshEntered.opened;
    expect(await settledWithin(later, 300)).toBe(false);
    refreshing.open();
    expect(await refresh).toEqual({ locked: true, value: 'refreshed' });
    expect(await later).toBe('later');
    await expect(
      refreshEffects(handle.db, { asOf: '2026-10-31', disclosureKey: 'embedded-refresh-lock-test' }),
    ).resolves.toMatchObject({ persons: 1 });
  });
});
