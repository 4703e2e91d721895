import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { listBenefitTypes, listCodeList } from '../repositories/code-lists-read.ts';
import { findCurrentDataVersion, listFineCells } from '../repositories/effects-read.ts';
import { listOffers } from '../repositories/offers-read.ts';
import { listProviders } from '../repositories/providers-read.ts';
import { listLatestSupervisions } from '../repositories/supervisions-read.ts';
import type { Snapshot, SnapshotSource } from './snapshot.ts';

/**
 * Snapshots from the stored tables. Everything is read in one repeatable-read transaction so
 * the fine cells and the catalogue belong to the same moment, even while a refresh commits.
 */
export function dbSnapshotSource(db: Kysely<Database>): SnapshotSource {
  return {
    async currentVersionId() {
      return (await findCurrentDataVersion(db))?.version ?? null;
    },
    load() {
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
          ] = await Promise.all([
            version ? listFineCells(trx, version.version) : [],
            listOffers(trx),
            listProviders(trx),
            listCodeList(trx, 'target_groups'),
            listCodeList(trx, 'industries'),
            listCodeList(trx, 'packages'),
            listBenefitTypes(trx),
            listLatestSupervisions(trx),
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
          };
        });
    },
  };
}
