import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/** The group role every BI login is a member of (created by the initial migration). */
export const BI_GROUP_ROLE = 'evg_bi';

/** A BI login role: a name for PostgreSQL as is, never quoted (lower case, digits, `_`). */
export const BI_USER_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface BiUser {
  name: string;
  /** When the password stops working; null for never. */
  validUntil: string | null;
}

const quoteLiteral = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/**
 * Creates a LOGIN role that is a member of evg_bi and nothing else: it reads schema bi only.
 * `verifier` is a SCRAM-SHA-256 verifier (scram-verifier.ts), never a plain password. Throws
 * PostgreSQL's duplicate_object error (42710) when the role exists.
 */
export async function createBiUser(db: Kysely<Database>, name: string, verifier: string): Promise<void> {
  if (!BI_USER_NAME.test(name)) throw new Error(`not a BI user name: ${name}`);
  // DDL takes no parameters; the name is checked above and the verifier is base64 and `$:`.
  await db.transaction().execute(async (trx) => {
    await sql
      .raw(
        `CREATE ROLE ${name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS ` +
          `INHERIT CONNECTION LIMIT 10 PASSWORD ${quoteLiteral(verifier)}`,
      )
      .execute(trx);
    await sql.raw(`GRANT ${BI_GROUP_ROLE} TO ${name}`).execute(trx);
  });
}

/** The login roles that are members of evg_bi, by name. */
export async function listBiUsers(db: Kysely<Database>): Promise<BiUser[]> {
  const { rows } = await sql<{ name: string; valid_until: Date | null }>`
    SELECT r.rolname AS name, r.rolvaliduntil AS valid_until
    FROM pg_roles r
    JOIN pg_auth_members m ON m.member = r.oid
    JOIN pg_roles g ON g.oid = m.roleid AND g.rolname = ${BI_GROUP_ROLE}
    WHERE r.rolcanlogin
    ORDER BY r.rolname`.execute(db);
  return rows.map((row) => ({ name: row.name, validUntil: row.valid_until?.toISOString() ?? null }));
}

/** Drops a BI login; false when no login of that name is a member of evg_bi. */
export async function dropBiUser(db: Kysely<Database>, name: string): Promise<boolean> {
  if (!(await listBiUsers(db)).some((user) => user.name === name)) return false;
  await sql.raw(`DROP ROLE ${name}`).execute(db);
  return true;
}
