import { Migrator, NO_MIGRATIONS, type Kysely, type MigrationResult } from 'kysely';
import { errorMessage } from '../error-fields.ts';
import { migrationProvider } from './migration-provider.ts';

/** A migration run that failed; `applied` lists what succeeded before it. */
export class MigrationError extends Error {
  readonly code = 'migration-failed';
  constructor(
    readonly migration: string | undefined,
    readonly applied: string[],
    cause: unknown,
  ) {
    super(`migration ${migration ?? '(setup)'} failed: ${String(errorMessage(cause) ?? cause)}`, {
      cause,
    });
    this.name = 'MigrationError';
  }
}

function newMigrator<T>(db: Kysely<T>): Migrator {
  return new Migrator({ db, provider: migrationProvider });
}

function appliedNames(results: MigrationResult[] | undefined): string[] {
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Applies every pending migration (in one transaction each, as Kysely does on PostgreSQL) and
 * returns the names applied, oldest first. Safe to call at every start: nothing pending, [].
 *
 * @example
 * const applied = await migrateToLatest(handle.db); // ['2026-11-22-0001-initial']
 */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<string[]> {
  const { error, results } = await newMigrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new MigrationError(failed, appliedNames(results), error);
  }
  return appliedNames(results);
}

/** Reverts every migration (for tests of `down`); returns the names reverted, newest first. */
export async function migrateToEmpty<T>(db: Kysely<T>): Promise<string[]> {
  const { error, results } = await newMigrator(db).migrateTo(NO_MIGRATIONS);
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new MigrationError(failed, appliedNames(results), error);
  }
  return appliedNames(results);
}

/** Whether every known migration is applied (for `GET /ready`). */
export async function isMigrated<T>(db: Kysely<T>): Promise<boolean> {
  const migrations = await newMigrator(db).getMigrations();
  return migrations.every((m) => m.executedAt !== undefined);
}
