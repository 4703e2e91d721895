import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { PACKAGES, PROVIDER_KINDS, SMILEYS, VALUE_RANGES } from '@evg/effects';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

// db/database.ts is written by hand beside the frozen migrations; this test reads it with the
// TypeScript compiler and holds it against the migrated schema, so the two cannot drift apart.

interface DeclaredColumn {
  name: string;
  nullable: boolean;
}

const DATABASE_TS = fileURLToPath(new URL('../../src/db/database.ts', import.meta.url));

/** Tables and columns of the `Database` interface, nullability from the type read by a select. */
function declaredTables(): Map<string, DeclaredColumn[]> {
  const program = ts.createProgram([DATABASE_TS], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(DATABASE_TS)!;
  const database = source.statements.find(
    (node): node is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(node) && node.name.text === 'Database',
  )!;
  const tables = new Map<string, DeclaredColumn[]>();
  for (const table of checker.getTypeAtLocation(database).getProperties()) {
    const tableType = checker.getTypeOfSymbolAtLocation(table, database);
    const columns = tableType.getProperties().map((column) => {
      const type = checker.getTypeOfSymbolAtLocation(column, database);
      // ColumnType<Select, Insert, Update>, Generated<T>, Defaulted<T>: a select reads the first argument.
      const selected =
        type.aliasSymbol && ['ColumnType', 'Generated', 'Defaulted'].includes(type.aliasSymbol.name)
          ? type.aliasTypeArguments![0]!
          : type;
      const parts = selected.isUnion() ? selected.types : [selected];
      return { name: column.name, nullable: parts.some((part) => (part.flags & ts.TypeFlags.Null) !== 0) };
    });
    tables.set(table.name, columns);
  }
  return tables;
}

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

async function migratedColumns(table: string): Promise<DeclaredColumn[]> {
  const { rows } = await sql<{ column_name: string; is_nullable: 'YES' | 'NO' }>`
    SELECT column_name, is_nullable FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name = ${table}`.execute(t.db);
  return rows.map((row) => ({ name: row.column_name, nullable: row.is_nullable === 'YES' }));
}

const byName = (a: DeclaredColumn, b: DeclaredColumn) => a.name.localeCompare(b.name);

describe('db/database.ts against the migrated schema', () => {
  const declared = declaredTables();

  it('declares tables', () => {
    expect(declared.size).toBeGreaterThan(10);
  });

  it.each([...declared.keys()])(
    '%s: the same columns, nullable exactly where the table is',
    async (table) => {
      expect((await migratedColumns(table)).sort(byName)).toEqual([...declared.get(table)!].sort(byName));
    },
  );
});

/** The CHECK constraints of a table, as PostgreSQL prints them. */
async function checksOf(table: string): Promise<string[]> {
  const { rows } = await sql<{ definition: string }>`
    SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint
    WHERE contype = 'c' AND conrelid = ${table}::regclass`.execute(t.db);
  return rows.map((row) => row.definition);
}

/** The [min, max] of a `column BETWEEN min AND max` check, as PostgreSQL prints it. */
async function rangeOf(table: string, column: string): Promise<{ min: number; max: number } | undefined> {
  const pattern = new RegExp(
    `\\(${column} >= \\(?(\\d+)\\)?(?:::numeric)?\\) AND \\(${column} <= \\(?(\\d+)\\)?`,
  );
  for (const definition of await checksOf(table)) {
    const match = pattern.exec(definition);
    if (match) return { min: Number(match[1]), max: Number(match[2]) };
  }
  return undefined;
}

/** The values of a `column IN (...)` check. */
async function valuesOf(table: string, column: string): Promise<string[] | undefined> {
  for (const definition of await checksOf(table)) {
    if (!definition.includes(`(${column} = ANY (ARRAY[`)) continue;
    return [...definition.matchAll(/'([^']*)'::text/g)].map((m) => m[1]!);
  }
  return undefined;
}

// The frozen migrations state the contract's ranges and lists again in SQL; these hold them to
// the one definition in @evg/effects, so a change there without a migration fails here.
describe('the migrated constraints against the data contract', () => {
  it('offers: hours a week and weeks as the record schema bounds them', async () => {
    expect(await rangeOf('offers', 'hours_per_week')).toEqual(VALUE_RANGES.hoursPerWeek);
    expect(await rangeOf('offers', 'duration_weeks')).toEqual(VALUE_RANGES.durationWeeks);
  });

  it('survey answers on the survey scale', async () => {
    expect(await rangeOf('survey_responses', 'satisfaction')).toEqual(VALUE_RANGES.surveyAnswer);
    expect(await rangeOf('survey_responses', 'closer_to_job')).toEqual(VALUE_RANGES.surveyAnswer);
  });

  it("provider kinds, smileys and the packages' codes", async () => {
    expect(await valuesOf('providers', 'kind')).toEqual([...PROVIDER_KINDS]);
    expect(await valuesOf('supervisions', 'smiley')).toEqual([...SMILEYS]);
    const packages = await t.db.selectFrom('packages').select('code').execute();
    expect(packages.map((p) => p.code).sort()).toEqual([...PACKAGES].sort());
  });
});
