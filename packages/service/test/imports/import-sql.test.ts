import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type RawBuilder,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import type { RecordKind } from '@evg/effects';
import type { Database } from '../../src/db/database.ts';
import { codeColumns } from '../../src/imports/import-batch.ts';
import {
  addConstraintsNotValid,
  analyzeStagingTable,
  copyIntoStagingTable,
  countChangedKeys,
  createChangedKeys,
  createDifferingCodeLists,
  createIndex,
  createStagingTable,
  deleteCodeLists,
  dropConstraints,
  dropIndexes,
  foreignKeysOf,
  insertCodeLists,
  insertStagedRows,
  latestStaged,
  lockForLoad,
  missingReferences,
  noteChangedOffers,
  plainIndexesOf,
  tableIsEmpty,
  upsertStaged,
  validateConstraint,
} from '../../src/imports/import-sql.ts';
import { kindSpecs, type KindSpec } from '../../src/imports/kind-specs.ts';
import { OFFER_CODE_LISTS } from '../../src/imports/upsert.ts';

/*
 * The SQL of every import statement for every record kind, as immich's sync-sql files show a
 * repository's queries: a change to a query, a kind's columns or its key changes a snapshot
 * under __sql__/, so it shows in review. Compiled with no database (a dummy driver).
 */

const compiler = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const kinds = Object.keys(kindSpecs) as RecordKind[];
const specOf = (kind: RecordKind) => kindSpecs[kind] as KindSpec<RecordKind>;
/** Staging tables named as an import of every kind in this order names them. */
const stageOf = (kind: RecordKind) => `evg_stage_${kinds.indexOf(kind)}`;
const codesStage = 'evg_stage_offer_codes';

/** One statement as it runs: a heading naming the unit, the text, and its parameters. */
function shown(heading: string, query: RawBuilder<unknown> | string): string {
  if (typeof query === 'string') return `-- ${heading}\n${query};\n`;
  const { sql, parameters } = query.compile(compiler);
  const values = parameters.length === 0 ? '' : `-- parameters: ${JSON.stringify(parameters)}\n`;
  return `-- ${heading}\n${values}${sql};\n`;
}

const file = (statements: string[]) => statements.join('\n');

describe('the SQL of an import', () => {
  it('stages rows: table, COPY, batched insert, statistics, latest value', async () => {
    const statements = [
      ...kinds.flatMap((kind) => {
        const { columns } = specOf(kind);
        const stage = stageOf(kind);
        return [
          shown(`createStagingTable ${kind}`, createStagingTable(stage, columns)),
          shown(`copyIntoStagingTable ${kind}`, copyIntoStagingTable(stage, columns)),
        ];
      }),
      shown(`createStagingTable offer codes`, createStagingTable(codesStage, codeColumns)),
      shown(
        'insertStagedRows offer codes (two rows)',
        insertStagedRows(
          codesStage,
          codeColumns,
          [2, 3],
          [
            ['T1', 'T1'],
            ['target_groups', 'industries'],
            ['jobparat', 'it'],
            [0, 0],
          ],
        ),
      ),
      shown('analyzeStagingTable', analyzeStagingTable(stageOf('benefit_periods'))),
      shown(
        'latestStaged benefit_periods start_date',
        latestStaged(stageOf('benefit_periods'), 'start_date'),
      ),
    ];
    await expect(file(statements)).toMatchFileSnapshot('__sql__/staging.sql');
  });

  it('checks references against stored rows and the rows of the same import', async () => {
    const statements = kinds.flatMap((kind) =>
      specOf(kind).references.flatMap((reference) => [
        shown(
          `missingReferences ${kind}.${reference.column} (${reference.table} staged too)`,
          missingReferences(
            {
              stage: stageOf(kind),
              column: reference.column,
              reference,
              targetStage: stageOf(reference.table as RecordKind),
            },
            100,
          ),
        ),
        shown(
          `missingReferences ${kind}.${reference.column} (${reference.table} stored only)`,
          missingReferences(
            { stage: stageOf(kind), column: reference.column, reference, targetStage: null },
            100,
          ),
        ),
      ]),
    );
    statements.push(
      ...OFFER_CODE_LISTS.map(({ list }) =>
        shown(
          `missingReferences offer codes ${list}`,
          missingReferences(
            {
              stage: codesStage,
              column: 'code',
              reference: { column: 'code', table: list, targetColumn: 'code', noun: list, echo: true },
              targetStage: stageOf(list as RecordKind),
              list,
            },
            100,
          ),
        ),
      ),
    );
    await expect(file(statements)).toMatchFileSnapshot('__sql__/reference-checks.sql');
  });

  it('upserts every kind, benefit periods by either key, offers with their code lists', async () => {
    const changed = `${stageOf('offers')}_changed`;
    const statements = kinds.flatMap((kind) => {
      const spec = specOf(kind);
      const stage = stageOf(kind);
      if (kind === 'benefit_periods')
        return [
          shown(
            'upsertStaged benefit_periods by period_id',
            upsertStaged(spec, stage, {
              key: ['period_id'],
              partial: 'period_id IS NOT NULL',
              changedInto: null,
            }),
          ),
          shown(
            'upsertStaged benefit_periods by the natural key',
            upsertStaged(spec, stage, { key: spec.key, partial: 'period_id IS NULL', changedInto: null }),
          ),
        ];
      if (kind === 'offers')
        return [
          shown('createChangedKeys', createChangedKeys(changed)),
          shown(
            'upsertStaged offers',
            upsertStaged(spec, stage, { key: spec.key, partial: null, changedInto: changed }),
          ),
          ...OFFER_CODE_LISTS.flatMap((codeList) => {
            const differing = `${codesStage}_${codeList.list}_changed`;
            return [
              shown(
                `createDifferingCodeLists ${codeList.list}`,
                createDifferingCodeLists(differing, stage, codesStage, codeList),
              ),
              shown(`deleteCodeLists ${codeList.list}`, deleteCodeLists(differing, codeList)),
              shown(
                `insertCodeLists ${codeList.list}`,
                insertCodeLists(differing, stage, codesStage, codeList),
              ),
              shown(`noteChangedOffers ${codeList.list}`, noteChangedOffers(changed, differing)),
            ];
          }),
          shown('countChangedKeys', countChangedKeys(changed)),
        ];
      return [
        shown(
          `upsertStaged ${kind}`,
          upsertStaged(spec, stage, { key: spec.key, partial: null, changedInto: null }),
        ),
      ];
    });
    await expect(file(statements)).toMatchFileSnapshot('__sql__/upsert.sql');
  });

  it('checks the foreign keys of a bulk upsert once and builds its plain indexes after', async () => {
    // Names and definitions as the catalogue gives them for enrollments (bulk-foreign-keys.ts).
    const keys = [
      { name: 'enrollments_offer_id_fkey', definition: 'FOREIGN KEY (offer_id) REFERENCES offers(offer_id)' },
      {
        name: 'enrollments_person_id_fkey',
        definition: 'FOREIGN KEY (person_id) REFERENCES persons(person_id)',
      },
    ];
    const indexes = [
      {
        name: 'enrollments_offer_idx',
        definition: 'CREATE INDEX enrollments_offer_idx ON public.enrollments USING btree (offer_id)',
      },
    ];
    const statements = [
      shown('foreignKeysOf enrollments', foreignKeysOf('enrollments')),
      shown('dropConstraints', dropConstraints('enrollments', keys)),
      shown('addConstraintsNotValid', addConstraintsNotValid('enrollments', keys)),
      ...keys.map((key) => shown(`validateConstraint ${key.name}`, validateConstraint('enrollments', key))),
      shown('plainIndexesOf enrollments', plainIndexesOf('enrollments')),
      shown('plainIndexesOf benefit_periods, unique ones too', plainIndexesOf('benefit_periods', true)),
      shown('dropIndexes', dropIndexes(indexes)),
      shown('createIndex', createIndex(indexes[0]!)),
      shown('lockForLoad', lockForLoad('enrollments')),
      shown('tableIsEmpty', tableIsEmpty('enrollments')),
      ...(['benefit_periods', 'enrollments'] as const).map((kind) =>
        shown(
          `upsertStaged ${kind} into an empty table`,
          upsertStaged(specOf(kind), stageOf(kind), {
            key: specOf(kind).key,
            partial: kind === 'benefit_periods' ? 'period_id IS NULL' : null,
            changedInto: null,
            intoEmpty: true,
          }),
        ),
      ),
      shown(
        'dropConstraints (a name needing quotes)',
        dropConstraints('enrollments', [{ name: 'odd"name', definition: '' }]),
      ),
    ];
    await expect(file(statements)).toMatchFileSnapshot('__sql__/bulk-upsert.sql');
  });

  it('bounds the rows a reference check returns to a positive whole number', () => {
    const check = {
      stage: 'evg_stage_0',
      column: 'person_id',
      reference: specOf('enrollments').references[0]!,
      targetStage: null,
    };
    expect(missingReferences(check, 0).compile(compiler).sql).toMatch(/LIMIT 1$/);
    expect(missingReferences(check, 2.7).compile(compiler).sql).toMatch(/LIMIT 2$/);
  });
});
