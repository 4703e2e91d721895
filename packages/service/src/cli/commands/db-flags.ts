import { isIsoDate } from '@evg/effects';
import { CliError } from '../cli-io.ts';
import { integerFlag } from '../args.ts';
import { ConfigError, loadDataConfig, type DataConfig } from '../../config.ts';
import { createDb, type DbHandle } from '../../db/create-db.ts';
import type { RefreshAsOfSource } from '../../db/database.ts';
import { DataDirInUseError } from '../../db/data-dir-lock.ts';
import { disclosureKey } from '../../secrets/disclosure-key.ts';
import { lowerCpuPriority } from '../../threads/cpu-priority.ts';

/** The data part of the configuration; an invalid variable is the user's to fix (exit 2). */
export function dataConfigOf(env: NodeJS.ProcessEnv): DataConfig {
  try {
    return loadDataConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(`invalid environment: ${error.message}`);
    throw error;
  }
}

/**
 * For the commands that write what an API serves (import, refresh, seed): lower this process's
 * CPU priority to EVG_BATCH_NICE, so a server on the same machine is answered first.
 */
export function yieldCpuToServing(env: NodeJS.ProcessEnv): void {
  lowerCpuPriority(dataConfigOf(env).batchNice);
}

/** The disclosure secret for commands that compute published figures (EVG_DISCLOSURE_KEY or the data folder's). */
export function disclosureKeyOf(env: NodeJS.ProcessEnv): Promise<string> {
  return disclosureKey(dataConfigOf(env));
}

/** `--as-of D` validated, or undefined when not given. */
export function asOfFlag(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isIsoDate(value)) throw new CliError('--as-of must be a date YYYY-MM-DD that exists');
  return value;
}

/** EVG_AS_OF, the cut-off overriding the imports' in every refresh; undefined when unset. */
export function asOfOverride(env: NodeJS.ProcessEnv): string | undefined {
  return dataConfigOf(env).asOf;
}

/** How the commands name where a refresh's cut-off came from. */
export function describeAsOfSource(source: RefreshAsOfSource): string {
  if (source === 'override') return 'EVG_AS_OF or --as-of';
  if (source === 'declared') return 'declared with the import of benefit periods';
  return 'assumed: the latest start date of the benefit periods, as no import declared a cut-off';
}

/**
 * `--workers N` of the commands that refresh and of `evg effects`: 1 to 64 threads, undefined
 * to let the command choose.
 * @example workersFlag('2') // 2
 */
export function workersFlag(value: string | undefined): number | undefined {
  return value === undefined ? undefined : integerFlag(value, 'workers', 1, 1, 64);
}

/** Where the commands say the database is, without the password of a URL. */
export function describeDatabase(env: NodeJS.ProcessEnv): string {
  const { databaseUrl, dataDir } = dataConfigOf(env);
  if (!databaseUrl) return `embedded database in ${dataDir}`;
  try {
    const url = new URL(databaseUrl);
    return `${url.host}${url.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/** The database of DATABASE_URL or the embedded one; a folder in use is the user's to fix. */
export async function openDatabase(env: NodeJS.ProcessEnv): Promise<DbHandle> {
  try {
    const { databaseUrl, dataDir } = dataConfigOf(env);
    return await createDb({ databaseUrl, dataDir });
  } catch (error) {
    if (error instanceof DataDirInUseError) throw new CliError(error.message, 1);
    throw error;
  }
}
