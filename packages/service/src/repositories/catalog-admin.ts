import type { Kysely } from 'kysely';
import type { Offer, Provider } from '@evg/effects';
import type { Database } from '../db/database.ts';
import { errorCode } from '../error-fields.ts';
import type { CodeListTableName } from './code-lists-read.ts';

/** Why a catalogue write was refused; routes map it to a problem, `message` its Danish detail. */
export class CatalogWriteError extends Error {
  constructor(
    readonly code: 'unknown-reference' | 'in-use',
    message: string,
  ) {
    super(message);
    this.name = 'CatalogWriteError';
  }
}

/** PostgreSQL's foreign-key violation (SQLSTATE 23503). */
function isForeignKeyViolation(error: unknown): boolean {
  return errorCode(error) === '23503';
}

async function guard<T>(
  work: () => Promise<T>,
  code: CatalogWriteError['code'],
  message: string,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new CatalogWriteError(code, message);
    throw error;
  }
}

/**
 * Creates or replaces an offer with its target groups and industries, in one transaction.
 * Returns true when it was created. Throws CatalogWriteError('unknown-reference') when the
 * provider, package or a code does not exist.
 */
export async function saveOffer(db: Kysely<Database>, offer: Offer): Promise<boolean> {
  const values = {
    offer_id: offer.offerId,
    provider_id: offer.providerId,
    name: offer.name,
    package: offer.package,
    description: offer.description,
    price_dkk: offer.priceDkk,
    hours_per_week: offer.hoursPerWeek,
    duration_weeks: offer.durationWeeks,
    accessible: offer.accessible,
    result_bonus_dkk: offer.resultBonusDkk,
    valid_from: offer.validFrom,
    valid_to: offer.validTo,
  };
  const work = () =>
    db.transaction().execute(async (trx) => {
      const existed = await trx
        .selectFrom('offers')
        .select('offer_id')
        .where('offer_id', '=', offer.offerId)
        .executeTakeFirst();
      await trx
        .insertInto('offers')
        .values(values)
        .onConflict((conflict) => conflict.column('offer_id').doUpdateSet(values))
        .execute();
      await trx.deleteFrom('offer_target_groups').where('offer_id', '=', offer.offerId).execute();
      await trx.deleteFrom('offer_industries').where('offer_id', '=', offer.offerId).execute();
      if (offer.targetGroups.length > 0) {
        await trx
          .insertInto('offer_target_groups')
          .values(
            offer.targetGroups.map((code, position) => ({
              offer_id: offer.offerId,
              target_group: code,
              position,
            })),
          )
          .execute();
      }
      if (offer.industries.length > 0) {
        await trx
          .insertInto('offer_industries')
          .values(
            offer.industries.map((code, position) => ({ offer_id: offer.offerId, industry: code, position })),
          )
          .execute();
      }
      return existed === undefined;
    });
  return guard(work, 'unknown-reference', 'Leverandøren, pakken, en målgruppe eller en branche findes ikke.');
}

/** Deletes an offer; false when there was none. In use (enrollments, complaints) → CatalogWriteError. */
export async function deleteOffer(db: Kysely<Database>, offerId: string): Promise<boolean> {
  const result = await guard(
    () => db.deleteFrom('offers').where('offer_id', '=', offerId).executeTakeFirst(),
    'in-use',
    `Tilbuddet '${offerId}' har forløb, klager eller tilsyn og kan ikke slettes.`,
  );
  return result.numDeletedRows > 0n;
}

export async function saveProvider(db: Kysely<Database>, provider: Provider): Promise<boolean> {
  const values = {
    provider_id: provider.providerId,
    name: provider.name,
    kind: provider.kind,
    framework_agreement: provider.frameworkAgreement,
  };
  const existed = await db
    .selectFrom('providers')
    .select('provider_id')
    .where('provider_id', '=', provider.providerId)
    .executeTakeFirst();
  await db
    .insertInto('providers')
    .values(values)
    .onConflict((conflict) => conflict.column('provider_id').doUpdateSet(values))
    .execute();
  return existed === undefined;
}

export async function deleteProvider(db: Kysely<Database>, providerId: string): Promise<boolean> {
  const result = await guard(
    () => db.deleteFrom('providers').where('provider_id', '=', providerId).executeTakeFirst(),
    'in-use',
    `Leverandøren '${providerId}' har stadig tilbud og kan ikke slettes.`,
  );
  return result.numDeletedRows > 0n;
}

export async function saveCodeListEntry(
  db: Kysely<Database>,
  table: CodeListTableName,
  entry: { code: string; name: string | null },
): Promise<boolean> {
  const existed = await db.selectFrom(table).select('code').where('code', '=', entry.code).executeTakeFirst();
  await db
    .insertInto(table)
    .values(entry)
    .onConflict((conflict) => conflict.column('code').doUpdateSet({ name: entry.name }))
    .execute();
  return existed === undefined;
}

export async function deleteCodeListEntry(
  db: Kysely<Database>,
  table: CodeListTableName,
  code: string,
): Promise<boolean> {
  const result = await guard(
    () => db.deleteFrom(table).where('code', '=', code).executeTakeFirst(),
    'in-use',
    `Koden '${code}' er i brug og kan ikke slettes.`,
  );
  return result.numDeletedRows > 0n;
}
