import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ApiKeyRole, ApiKeyRow, Database } from '../db/database.ts';

export const API_KEY_ROLES = [
  'caseworker',
  'bi',
  'ingest',
  'analyst',
  'admin',
] as const satisfies readonly ApiKeyRole[];

/** A key as listings show it: never the secret, never the hash. */
export interface ApiKeyInfo {
  id: string;
  name: string;
  role: ApiKeyRole;
  /** ISO timestamps. */
  createdAt: string;
  revokedAt: string | null;
}

/** Lower-case hex SHA-256 of a presented secret: what `api_keys.key_hash` stores. */
export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

const iso = (value: Date | string): string => new Date(value).toISOString();

function toInfo(row: Pick<ApiKeyRow, 'id' | 'name' | 'role' | 'created_at' | 'revoked_at'>): ApiKeyInfo {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: iso(row.created_at),
    revokedAt: row.revoked_at === null ? null : iso(row.revoked_at),
  };
}

/**
 * Creates a key and returns its secret, which exists only in this return value: the database
 * keeps its SHA-256 hash.
 *
 * @example
 *   const { secret } = await createApiKey(db, { name: 'Power BI', role: 'bi' });
 *   // Authorization: Bearer evg_4x...
 */
export async function createApiKey(
  db: Kysely<Database>,
  input: { name: string; role: ApiKeyRole },
): Promise<{ key: ApiKeyInfo; secret: string }> {
  const secret = `evg_${randomBytes(32).toString('base64url')}`;
  const row = await db
    .insertInto('api_keys')
    .values({ name: input.name, role: input.role, key_hash: hashApiKey(secret) })
    .returning(['id', 'name', 'role', 'created_at', 'revoked_at'])
    .executeTakeFirstOrThrow();
  return { key: toInfo(row), secret };
}

export async function listApiKeys(db: Kysely<Database>): Promise<ApiKeyInfo[]> {
  const rows = await db
    .selectFrom('api_keys')
    .select(['id', 'name', 'role', 'created_at', 'revoked_at'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toInfo);
}

/** Revokes a key; returns false when no key has that id. Revoking twice keeps the first time. */
export async function revokeApiKey(db: Kysely<Database>, id: string): Promise<ApiKeyInfo | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'name', 'role', 'created_at', 'revoked_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toInfo(row) : null;
}

/**
 * The active key whose secret is `secret`, or null. The lookup is by hash; the stored and the
 * computed hash are then compared in constant time so timing reveals nothing about near misses.
 */
export async function findActiveApiKey(db: Kysely<Database>, secret: string): Promise<ApiKeyInfo | null> {
  const hash = hashApiKey(secret);
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'name', 'role', 'created_at', 'revoked_at', 'key_hash'])
    .where('key_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const same = timingSafeEqual(Buffer.from(row.key_hash, 'hex'), Buffer.from(hash, 'hex'));
  return same ? toInfo(row) : null;
}
