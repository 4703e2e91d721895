// What a BI tool connected to PostgreSQL as evg_bi can see: the bi views and nothing else. The
// list of relations comes from the catalog, so a table added by a later migration cannot escape.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.close());

/** One statement as evg_bi, in a transaction that is always rolled back. */
async function asBi(query: string): Promise<unknown[]> {
  return t.db.connection().execute(async (conn) => {
    await sql`BEGIN`.execute(conn);
    try {
      await sql`SET LOCAL ROLE evg_bi`.execute(conn);
      return (await sql.raw(query).execute(conn)).rows;
    } finally {
      await sql`ROLLBACK`.execute(conn);
    }
  });
}

interface Relation {
  schema: string;
  name: string;
  kind: string;
}

async function relations(): Promise<Relation[]> {
  const { rows } = await sql<Relation>`
    SELECT n.nspname AS schema, c.relname AS name, c.relkind::text AS kind
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f', 'S')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    ORDER BY 1, 2`.execute(t.db);
  return rows;
}

const PERSON_COLUMNS = /^(person_id|birth_date|enrollment_id|response_id|period_id|cpr)$/;

describe('the evg_bi SQL role', () => {
  it('cannot read, change or even count any table, view or sequence outside schema bi', async () => {
    const outside = (await relations()).filter((r) => r.schema !== 'bi');
    expect(outside.map((r) => r.name)).toEqual(
      expect.arrayContaining(['persons', 'benefit_periods', 'enrollments', 'survey_responses']),
    );
    for (const { schema, name, kind } of outside) {
      const target = `"${schema}"."${name}"`;
      const statements =
        kind === 'S'
          ? [`SELECT nextval('${target}')`, `SELECT last_value FROM ${target}`]
          : [`SELECT count(*) FROM ${target}`, `DELETE FROM ${target}`];
      for (const statement of statements) {
        await expect(asBi(statement), statement).rejects.toThrow(/permission denied/);
      }
    }
  });

  it('reads every bi view, none of which has a person-level column', async () => {
    const views = (await relations()).filter((r) => r.schema === 'bi');
    expect(views.length).toBeGreaterThan(0);
    for (const { name, kind } of views) {
      expect(kind, name).toBe('v');
      await expect(asBi(`SELECT * FROM bi."${name}" LIMIT 1`)).resolves.toBeInstanceOf(Array);
    }
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'bi'`.execute(t.db);
    expect(rows.filter((r) => PERSON_COLUMNS.test(r.column_name))).toEqual([]);
  });

  it('cannot create objects to smuggle data out, and holds no power or other role', async () => {
    await expect(asBi('CREATE TABLE bi.leak (x int)')).rejects.toThrow(/permission denied/);
    await expect(asBi('CREATE TABLE public.leak (x int)')).rejects.toThrow(/permission denied/);
    const { rows } = await sql<Record<string, boolean | number>>`
      SELECT r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls, r.rolreplication,
        (SELECT count(*)::int FROM pg_auth_members m WHERE m.member = r.oid) AS memberships
      FROM pg_roles r WHERE r.rolname = 'evg_bi'`.execute(t.db);
    expect(rows).toEqual([
      {
        rolsuper: false,
        rolcreaterole: false,
        rolcreatedb: false,
        rolbypassrls: false,
        rolreplication: false,
        memberships: 0,
      },
    ]);
  });
});
