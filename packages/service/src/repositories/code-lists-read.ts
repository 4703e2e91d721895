import type { Kysely } from 'kysely';
import type { BenefitType, CodeListEntry } from '@evg/effects';
import type { Database } from '../db/database.ts';

/** The code lists kept in the database (not enums in code: legislation renames them). */
export type CodeListTableName = 'target_groups' | 'industries' | 'packages';

/** Every entry of one code list, by code. */
export async function listCodeList(db: Kysely<Database>, table: CodeListTableName): Promise<CodeListEntry[]> {
  return db.selectFrom(table).select(['code', 'name']).orderBy('code').execute();
}

export async function listBenefitTypes(db: Kysely<Database>): Promise<BenefitType[]> {
  const rows = await db.selectFrom('benefit_types').selectAll().orderBy('code').execute();
  return rows.map((row) => ({ code: row.code, publicSupport: row.public_support, name: row.name }));
}
