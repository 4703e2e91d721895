import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/** One recorded read of exact figures, as the admin listing shows it. */
export interface ExactRead {
  id: string;
  keyId: string;
  keyName: string;
  /** ISO timestamp. */
  readAt: string;
  method: string;
  path: string;
  query: Record<string, unknown>;
}

/**
 * Records a read of exact figures before they are sent: no audit row, no exact answer.
 * @example await recordExactRead(db, { keyId, keyName: 'Analyse', method: 'GET', path: '/v1/effects', query: { exact: true } });
 */
export async function recordExactRead(
  db: Kysely<Database>,
  read: Omit<ExactRead, 'id' | 'readAt'>,
): Promise<void> {
  await db
    .insertInto('exact_reads')
    .values({
      key_id: read.keyId,
      key_name: read.keyName,
      method: read.method,
      path: read.path,
      query: JSON.stringify(read.query),
    })
    .execute();
}

/** The latest reads of exact figures first. */
export async function listExactReads(
  db: Kysely<Database>,
  limit: number,
  offset: number,
): Promise<ExactRead[]> {
  const rows = await db
    .selectFrom('exact_reads')
    .selectAll()
    .orderBy('read_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((row) => ({
    id: String(row.id),
    keyId: row.key_id,
    keyName: row.key_name,
    readAt: new Date(row.read_at).toISOString(),
    method: row.method,
    path: row.path,
    query: row.query,
  }));
}
