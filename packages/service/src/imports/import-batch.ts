import { sql, type Kysely } from 'kysely';
import { isIsoDate, parseRecord, RECORD_KINDS, type Offer, type RecordKind } from '@evg/effects';
import { holdImportStoreLock, holdSharedRefreshLock, withSharedRefreshLock } from '../db/advisory-locks.ts';
import type { AsOfSource, Database } from '../db/database.ts';
import { recordImportBatch } from '../repositories/import-batches.ts';
import { BULK_ROWS } from './bulk-foreign-keys.ts';
import { IssueCollector, type RowIssue } from '../data-dir/data-dir-error.ts';
import { ImportError } from './import-error.ts';
import { kindSpecs, PERSON_ID_KINDS, type ColumnSpec, type KindSpec } from './kind-specs.ts';
import { createPseudonymiser, type Pseudonymiser } from './pseudonymise.ts';
import type { RawBatch } from './raw-rows.ts';
import { findMissingReferences, type ReferenceCheck } from './reference-checks.ts';
import { StagingTable } from './staging.ts';
import { runImportTransaction } from './import-transaction.ts';
import { bulkUpsertFromStage, upsertFromStage, upsertOffers } from './upsert.ts';

/** The rows of one record kind, from one file or one HTTP body. */
export interface RecordSource {
  kind: RecordKind;
  /** How errors name the source: `persons.csv`, or the kind for an HTTP body. */
  file: string;
  batches: AsyncIterable<RawBatch>;
}

export interface ImportOptions {
  /**
   * The extract's cut-off (data contract): the records are complete up to and including this
   * day. Stored with the batch; refreshes use the latest one of the imports of benefit periods.
   * Absent: the latest start date of the batch's benefit periods is assumed (never today).
   */
  asOf?: string | undefined;
  /** Replace CPR-like person ids by their HMAC pseudonym instead of refusing them. */
  pseudonymise?: boolean;
  /** The server secret for pseudonymisation (EVG_PSEUDONYM_KEY). */
  pseudonymKey?: string | undefined;
  /** Most bad rows listed in the error (all are counted); default 100. */
  errorLimit?: number;
  /** For the import_batches row: where the data came from (`cli:/path`, `http`). */
  source: string;
  /** For the import_batches row: the API key id that sent it, if any. */
  keyId?: string | null;
  /** Rows of one kind from which foreign keys are checked set-based (bulk-foreign-keys.ts). */
  bulkRows?: number;
  /** Progress lines: phase timings and row counts, never row values. */
  log?: (line: string) => void;
}

export interface KindImportResult {
  kind: RecordKind;
  file: string;
  rowsReceived: number;
  rowsStored: number;
  /** Rows inserted or changed; 0 when the same rows are imported again. */
  rowsChanged: number;
}

export interface ImportResult {
  batchId: number;
  /** The batch's cut-off; null when none was declared and it holds no benefit periods to date it by. */
  asOf: string | null;
  /** `declared` with the import, or `assumed` from its benefit periods' latest start date. */
  asOfSource: AsOfSource | null;
  rowsReceived: number;
  rowsStored: number;
  rowsChanged: number;
  kinds: KindImportResult[];
}

interface Staged {
  source: RecordSource;
  spec: KindSpec<RecordKind>;
  stage: StagingTable<unknown>;
  received: number;
}

interface CodeRow {
  offerId: string;
  list: string;
  code: string;
  position: number;
}

/** The staging columns of offers' code lists (`evg_stage_offer_codes`). */
export const codeColumns: ColumnSpec<CodeRow>[] = [
  { name: 'offer_id', type: 'text', value: (r) => r.offerId },
  { name: 'list', type: 'text', value: (r) => r.list },
  { name: 'code', type: 'text', value: (r) => r.code },
  { name: 'position', type: 'integer', value: (r) => r.position },
];

/**
 * Imports rows of one or more record kinds as ONE all-or-nothing batch: every row is
 * validated (data contract), staged in bulk, its references checked set-based against the
 * stored rows and the rest of the batch, and then upserted on the contract's keys — or, with
 * any bad row, nothing is stored and an ImportError lists them. An import_batches row records
 * every attempt, failed ones too.
 *
 * @example
 * const result = await importBatch(db, [{ kind: 'persons', file: 'persons.csv', batches }], { source: 'cli' });
 */
export async function importBatch(
  db: Kysely<Database>,
  sources: readonly RecordSource[],
  options: ImportOptions,
): Promise<ImportResult> {
  const startedAt = new Date();
  const log = options.log ?? (() => {});
  const elapsed = () => `${Math.round(Date.now() - startedAt.getTime())} ms`;
  const ordered = [...sources].sort((a, b) => RECORD_KINDS.indexOf(a.kind) - RECORD_KINDS.indexOf(b.kind));
  const kindLabel = ordered.map((s) => s.kind).join(',') || '(none)';
  let received = 0;
  const record = (
    executor: Kysely<Database>,
    outcome: 'ok' | 'rejected' | 'failed',
    stored: number,
    errors: readonly RowIssue[],
    dated: { asOf: string | null; asOfSource: AsOfSource | null; benefitPeriods: boolean } = {
      asOf: null,
      asOfSource: null,
      benefitPeriods: false,
    },
  ) =>
    recordImportBatch(executor, {
      kind: kindLabel,
      source: options.source,
      key_id: options.keyId ?? null,
      started_at: startedAt,
      finished_at: new Date(),
      rows_received: received,
      rows_stored: stored,
      outcome,
      errors: JSON.stringify(errors),
      as_of: dated.asOf,
      as_of_source: dated.asOfSource,
      benefit_periods: dated.benefitPeriods,
    });

  try {
    if (options.asOf !== undefined && !isIsoDate(options.asOf)) {
      throw new ImportError('import-rejected', 'asOf must be a date YYYY-MM-DD that exists', [
        { file: '', line: 0, field: 'asOf', message: 'must be a date YYYY-MM-DD that exists' },
      ]);
    }
    const pseudonymise = options.pseudonymise ? createPseudonymiser(options.pseudonymKey) : null;
    // Waits for a refresh that is reading the records, and keeps one from starting meanwhile.
    const result = await withSharedRefreshLock(db, () =>
      runImportTransaction(db, async (trx, copy) => {
        await holdSharedRefreshLock(trx);
        // Room for the staging sorts (last row per key) in memory rather than on disk.
        await sql`SET LOCAL work_mem = '256MB'`.execute(trx);
        // And for building the indexes of a bulk upsert once (bulk-foreign-keys.ts).
        await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(trx);
        const errors = new IssueCollector(options.errorLimit ?? 100);
        const staged: Staged[] = [];
        let codes: StagingTable<CodeRow> | null = null;
        for (const [index, source] of ordered.entries()) {
          if (staged.some((s) => s.source.kind === source.kind)) {
            errors.add({
              file: source.file,
              line: 0,
              field: '',
              message: `a second source of ${source.kind}`,
            });
            continue;
          }
          const spec = kindSpecs[source.kind] as KindSpec<RecordKind>;
          // Offers stage their code lists alongside, so they cannot hold the connection's COPY.
          const stage = await StagingTable.create<unknown>(
            trx,
            `evg_stage_${index}`,
            spec.columns as ColumnSpec<unknown>[],
            source.kind === 'offers' ? null : copy,
          );
          if (source.kind === 'offers')
            codes = await StagingTable.create(trx, 'evg_stage_offer_codes', codeColumns);
          const entry: Staged = { source, spec, stage, received: 0 };
          staged.push(entry);
          try {
            for await (const batch of source.batches) {
              for (const issue of batch.issues) errors.add(issue);
              const rows = batch.records.length + batch.raws.length + batch.issues.length;
              received += rows;
              entry.received += rows;
              await stageBatch(source, batch, stage, codes, pseudonymise, errors);
            }
            await stage.flush(true);
          } catch (error) {
            await stage.abort();
            throw error;
          }
          log(`import: ${source.file}: ${entry.received} rows read and staged (${elapsed()})`);
          if (source.kind === 'offers') await codes?.flush(true);
        }

        log(`import: staged (${elapsed()})`);
        // From here on one import at a time (advisory-locks.ts): checks, then the stored rows.
        await holdImportStoreLock(trx);
        for (const check of referenceChecks(staged, codes)) {
          const missing = await findMissingReferences(trx, check, options.errorLimit ?? 100);
          errors.addAll(missing.errors, missing.total);
        }
        if (errors.total > 0) {
          const sorted = [...errors.issues].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
          throw new ImportError(
            'import-rejected',
            `${errors.total} bad row(s); nothing was stored`,
            sorted,
            errors.total,
          );
        }

        log(`import: references checked (${elapsed()})`);
        const kinds: KindImportResult[] = [];
        for (const { source, spec, stage, received: kindReceived } of staged) {
          // Offers always upsert: it collects the offers changed along with their code lists.
          const bulk = stage.rows >= (options.bulkRows ?? BULK_ROWS) && source.kind !== 'offers';
          const store = async (): Promise<number> => {
            if (source.kind === 'offers' && codes) return upsertOffers(trx, spec, stage.name, codes.name);
            if (!bulk) return upsertFromStage(trx, spec, stage.name);
            const { changed, firstLoad } = await bulkUpsertFromStage(trx, spec, stage.name);
            const indexes = firstLoad ? 'a first load: every index' : 'plain indexes';
            log(`import: ${source.file}: ${indexes} built and foreign keys checked once (bulk)`);
            return changed;
          };
          const changed = await store();
          log(`import: ${source.file}: ${changed} rows upserted (${elapsed()})`);
          kinds.push({
            kind: source.kind,
            file: source.file,
            rowsReceived: kindReceived,
            rowsStored: stage.rows,
            rowsChanged: changed,
          });
        }
        log(`import: upserted (${elapsed()})`);
        const periods = staged.find((s) => s.source.kind === 'benefit_periods');
        const dated = await dateBatch(
          trx,
          options.asOf,
          periods && periods.stage.rows > 0 ? periods.stage : null,
        );
        const stored = kinds.reduce((sum, k) => sum + k.rowsStored, 0);
        // In the transaction: stored rows and their cut-off are committed together or not at all.
        const batchId = await record(trx, 'ok', stored, [], dated);
        return {
          batchId,
          ...dated,
          rowsReceived: received,
          rowsStored: stored,
          rowsChanged: kinds.reduce((sum, k) => sum + k.rowsChanged, 0),
          kinds,
        };
      }),
    );
    const { benefitPeriods: _, ...answer } = result;
    return answer;
  } catch (error) {
    if (error instanceof ImportError) {
      const batchId = await record(db, 'rejected', 0, error.errors).catch(() => null);
      throw new ImportError(error.code, error.message, error.errors, error.errorCount, batchId);
    }
    // Database errors may quote row values; the batch row keeps only that storing failed.
    // With the database gone the attempt cannot be recorded either; the typed error still stands.
    const batchId = await record(db, 'failed', 0, [
      { file: '', line: 0, field: '', message: 'the database failed while storing' },
    ]).catch(() => null);
    const failure = new ImportError(
      'import-failed',
      'the database failed while storing; nothing was stored',
      [],
      0,
      batchId,
    );
    failure.cause = error;
    throw failure;
  }
}

/**
 * The batch's cut-off: the declared one, else the latest start date of its benefit periods
 * (data contract), else none. `benefitPeriods` says whether it may date a refresh.
 */
async function dateBatch(
  trx: Kysely<Database>,
  declared: string | undefined,
  periods: StagingTable<unknown> | null,
): Promise<{ asOf: string | null; asOfSource: AsOfSource | null; benefitPeriods: boolean }> {
  const benefitPeriods = periods !== null;
  if (declared !== undefined) return { asOf: declared, asOfSource: 'declared', benefitPeriods };
  if (!periods) return { asOf: null, asOfSource: null, benefitPeriods };
  const latest = await periods.latest('start_date');
  return { asOf: latest, asOfSource: latest === null ? null : 'assumed', benefitPeriods };
}

/** Validates one batch of raw rows (pseudonymising first when asked) and stages the good ones. */
async function stageBatch(
  source: RecordSource,
  batch: RawBatch,
  stage: StagingTable<unknown>,
  codes: StagingTable<CodeRow> | null,
  pseudonymise: Pseudonymiser | null,
  errors: IssueCollector,
): Promise<void> {
  for (let i = 0; i < batch.records.length; i++) {
    await stageRecord(source, batch.records[i], batch.recordLines[i] as number, stage, codes);
  }
  for (let i = 0; i < batch.raws.length; i++) {
    const raw = batch.raws[i] as Record<string, unknown>;
    const line = batch.lines[i] as number;
    if (pseudonymise && PERSON_ID_KINDS.has(source.kind) && typeof raw.person_id === 'string') {
      raw.person_id = pseudonymise(raw.person_id);
    }
    const parsed = parseRecord(source.kind, raw);
    if (!parsed.ok) {
      for (const issue of parsed.issues) errors.add({ file: source.file, line, ...issue });
      continue;
    }
    await stageRecord(source, parsed.record, line, stage, codes);
  }
}

async function stageRecord(
  source: RecordSource,
  record: unknown,
  line: number,
  stage: StagingTable<unknown>,
  codes: StagingTable<CodeRow> | null,
): Promise<void> {
  await stage.add(line, record);
  if (codes && source.kind === 'offers') {
    const offer = record as Offer;
    for (const [list, values] of [
      ['target_groups', offer.targetGroups],
      ['industries', offer.industries],
    ] as const) {
      for (const [position, code] of values.entries()) {
        await codes.add(line, { offerId: offer.offerId, list, code, position });
      }
    }
  }
}

function referenceChecks(staged: readonly Staged[], codes: StagingTable<CodeRow> | null): ReferenceCheck[] {
  const stageOf = (table: string) => staged.find((s) => s.spec.table === table)?.stage.name ?? null;
  const checks: ReferenceCheck[] = [];
  for (const { source, spec, stage } of staged) {
    for (const reference of spec.references) {
      checks.push({
        stage: stage.name,
        column: reference.column,
        field: reference.column,
        file: source.file,
        reference,
        targetStage: stageOf(reference.table),
      });
    }
    if (source.kind === 'offers' && codes) {
      for (const [list, table, noun] of [
        ['target_groups', 'target_groups', 'target group'],
        ['industries', 'industries', 'industry'],
      ] as const) {
        checks.push({
          stage: codes.name,
          column: 'code',
          field: list,
          file: source.file,
          reference: { column: 'code', table, targetColumn: 'code', noun, echo: true },
          targetStage: stageOf(table),
          list,
        });
      }
    }
  }
  return checks;
}
