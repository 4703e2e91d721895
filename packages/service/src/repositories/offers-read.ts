import { sql, type Kysely } from 'kysely';
import type { Offer, OfferPackage } from '@evg/effects';
import type { Database, OfferRow } from '../db/database.ts';

/** A stored offer's package. */
function storedPackage(code: string): OfferPackage {
  // The column is text; every writer (imports, admin API) took only the contract's PACKAGES.
  return code as OfferPackage;
}

function toOffer(row: OfferRow, targetGroups: string[], industries: string[]): Offer {
  return {
    offerId: row.offer_id,
    providerId: row.provider_id,
    name: row.name,
    package: storedPackage(row.package),
    description: row.description,
    targetGroups,
    industries,
    priceDkk: row.price_dkk,
    hoursPerWeek: row.hours_per_week,
    durationWeeks: row.duration_weeks,
    accessible: row.accessible,
    resultBonusDkk: row.result_bonus_dkk,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  };
}

function listsByOffer(rows: { offer_id: string; code: string }[]): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  for (const row of rows) {
    const list = lists.get(row.offer_id) ?? [];
    list.push(row.code);
    lists.set(row.offer_id, list);
  }
  return lists;
}

/**
 * Every offer with its target groups and industries in imported order.
 *
 * @example
 *   const offers = await listOffers(db); // [{ offerId: 'T-0001', targetGroups: ['jobparat'], ... }]
 */
export async function listOffers(db: Kysely<Database>): Promise<Offer[]> {
  const [offers, targetGroups, industries] = await Promise.all([
    db.selectFrom('offers').selectAll().orderBy('offer_id').execute(),
    db
      .selectFrom('offer_target_groups')
      .select(['offer_id', 'target_group as code'])
      .orderBy('offer_id')
      .orderBy('position')
      .execute(),
    db
      .selectFrom('offer_industries')
      .select(['offer_id', 'industry as code'])
      .orderBy('offer_id')
      .orderBy('position')
      .execute(),
  ]);
  const groupsByOffer = listsByOffer(targetGroups);
  const industriesByOffer = listsByOffer(industries);
  return offers.map((row) =>
    toOffer(row, groupsByOffer.get(row.offer_id) ?? [], industriesByOffer.get(row.offer_id) ?? []),
  );
}

/**
 * Ids of the offers whose name or description match `text` under PostgreSQL's Danish
 * full-text search (stemming, stop words, `"phrases"`, `-not`, `or`, as in web search boxes).
 *
 * @example
 *   await searchOfferIds(db, 'rengøring -kursus'); // Set { 'T-0007', ... }
 */
export async function searchOfferIds(db: Kysely<Database>, text: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('offers')
    .select('offer_id')
    .where(sql<boolean>`search @@ websearch_to_tsquery('danish', ${text})`)
    .execute();
  return new Set(rows.map((row) => row.offer_id));
}
