import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { listBonusRules } from '../repositories/bonus-rules.ts';
import { catalogRevision } from '../repositories/catalog-revision.ts';
import { listBenefitTypes, listCodeList } from '../repositories/code-lists-read.ts';
import { findCurrentDataVersion, listFineCells } from '../repositories/effects-read.ts';
import { listOffers } from '../repositories/offers-read.ts';
import { listProviders } from '../repositories/providers-read.ts';
import { listLatestSupervisions } from '../repositories/supervisions-read.ts';
import type { Snapshot, SnapshotSource } from './snapshot.ts';

/**
 * Snapshots from the stored tables of `db` (a streaming replica, with DATABASE_READ_URL).
 * Everything is read in one repeatable-read transaction so the data version, its fine cells
 * (looked up by that version's id), the catalogue and its revision belong to the same moment, even while a
 * refresh commits or, on a replica, while its WAL is replayed: a reader never sees a mix of
 * two versions. `primary` (where writes go) serves `loadLatest`, after this process's writes.
 *
 * @example
 *   const source = dbSnapshotSource(replicaDb, primaryDb);
 *   const snapshot = await source.load(); // as of one moment on the replica
 */
export function dbSnapshotSource(db: Kysely<Database>, primary: Kysely<Database> = db): SnapshotSource {
  return {
    async currentVersionId() {
      return (await findCurrentDataVersion(db))?.version ?? null;
    },
    currentCatalogRevision: () => catalogRevision(db),
    load: () => loadSnapshot(db),
    loadLatest: () => loadSnapshot(primary),
  };
}

function loadSnapshot(db: Kysely<Database>): Promise<Snapshot> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx): Promise<Snapshot> => {
      const version = await findCurrentDataVersion(trx);
      const [
        fineCells,
        offers,
        providers,
        targetGroups,
        industries,
        packages,
        benefitTypes,
        latestSupervisions,
        bonusRules,
        revision,
      ] = await Promise.all([
        version ? listFineCells(trx, version.version) : [],
        listOffers(trx),
        listProviders(trx),
        listCodeList(trx, 'target_groups'),
        listCodeList(trx, 'industries'),
        listCodeList(trx, 'packages'),
        listBenefitTypes(trx),
        listLatestSupervisions(trx),
        listBonusRules(trx),
        catalogRevision(trx),
      ]);
      return {
        dataVersion: version
          ? {
              id: version.version,
              createdAt: version.createdAt,
              asOf: version.asOf,
              measures: version.measures,
            }
          : null,
        fineCells,
        offers,
        providers,
        targetGroups,
        industries,
        packages,
        benefitTypes,
        latestSupervisions,
        bonusRules,
        catalogRevision: revision,
      };
    });
}
