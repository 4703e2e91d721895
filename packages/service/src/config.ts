import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { isIsoDate } from '@evg/effects';
import { z } from 'zod';
import type { ApiKeyRole } from './db/database.ts';
import { errorCode } from './error-fields.ts';

/**
 * What every command that touches the data needs (`evg import`, `evg refresh`, `evg effects`,
 * …): a part of the one environment schema below, so a variable only the server uses cannot
 * stop them.
 */
export interface DataConfig {
  /** PostgreSQL connection string; absent = embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Secret of the cell key method (EVG_DISCLOSURE_KEY); absent = kept in `dataDir` (secrets/disclosure-key.ts). */
  disclosureKey: string | undefined;
  /** EVG_PSEUDONYM_KEY: the HMAC secret that turns CPR-like person ids into pseudonyms on import. */
  pseudonymKey: string | undefined;
  /** EVG_AS_OF: a cut-off overriding the imports' for every refresh; absent = the imports'. */
  asOf: string | undefined;
  /** EVG_DEBUG: the CLI prints a stack trace with an internal error. */
  debug: boolean;
  /**
   * EVG_BATCH_NICE: the CPU priority (Unix nice value, 0–19) of background work: the import,
   * refresh and seed commands, and the server's refresh and read-model worker threads; so that
   * requests are answered first when the CPUs are busy. 0 = unchanged.
   */
  batchNice: number;
}

/**
 * The service's configuration, read from the environment once at start. Every variable is
 * optional: with none set, `evg start` serves on 127.0.0.1:3000 from an embedded database in
 * `./data`.
 */
export interface ServiceConfig extends DataConfig {
  port: number;
  host: string;
  /**
   * Where `evg start` reads from (DATABASE_READ_URL): a streaming replica of `databaseUrl`, or
   * PgBouncer in front of one; absent = `databaseUrl`. Writes always go to `databaseUrl`.
   */
  databaseReadUrl: string | undefined;
  /** When true, read endpoints also need an API key (any role). */
  readRequiresKey: boolean;
  /** Origins allowed by CORS; empty = no cross-origin access, ['*'] = any. */
  corsOrigins: string[];
  /** Requests per minute per client address, for requests without a valid API key. */
  rateLimit: number;
  minCellSize: number;
  /** Largest accepted JSON body (bytes); imports have their own, larger limit. */
  bodyLimit: number;
  importBodyLimit: number;
  /** How often the read model checks for a new data version. */
  refreshPollMs: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  // Hardening (issue 10): who counts against which limit, and how long a request may take.
  /** Requests per minute per API key, by the key's role. */
  rateLimitPerKey: Record<ApiKeyRole, number>;
  /** Proxies whose X-Forwarded-For is believed (addresses, CIDRs); empty = none. */
  trustProxy: string[];
  /** Largest /v1/effects table answered, in rows; a larger one is a 422. */
  effectsMaxRows: number;
  /** Node's requestTimeout, headersTimeout and the socket idle timeout (connectionTimeout), ms. */
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  connectionTimeoutMs: number;
  /**
   * EVG_READ_MODEL_WORKER: build read models and large effect tables in a worker thread (its own
   * database connection), so they never hold up the event loop; false = on the event loop.
   */
  readModelWorker: boolean;
}

/** A proxy address (`10.0.0.5`, `::1`), a CIDR (`10.0.0.0/8`) or one of proxy-addr's names. */
function isProxyEntry(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

const bool = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const envSchema = z.object({
  PORT: int(0, 65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  EVG_DATA_DIR: z.string().min(1).default('data'),
  EVG_READ_REQUIRES_KEY: bool.default(false),
  EVG_CORS_ORIGINS: z.string().default(''),
  EVG_RATE_LIMIT: int(1, 1_000_000_000).default(600),
  EVG_MIN_CELL_SIZE: int(1, 1000).default(5),
  EVG_DISCLOSURE_KEY: z.string().min(16, 'must be a secret of at least 16 characters').optional(),
  EVG_BODY_LIMIT: int(1024, 100 * 1024 * 1024).default(1024 * 1024),
  EVG_IMPORT_BODY_LIMIT: int(1024, 10 * 1024 * 1024 * 1024).default(1024 * 1024 * 1024),
  EVG_REFRESH_POLL_MS: int(100, 3_600_000).default(5000),
  EVG_AS_OF: z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD that exists').optional(),
  EVG_PSEUDONYM_KEY: z.string().min(16, 'must be a secret of at least 16 characters').optional(),
  EVG_DEBUG: bool.default(false),
  EVG_BATCH_NICE: int(0, 19).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Hardening (issue 10); README "Limits and timeouts" says why these defaults.
  EVG_RATE_LIMIT_CASEWORKER: int(1, 1_000_000_000).default(3000),
  EVG_RATE_LIMIT_BI: int(1, 1_000_000_000).default(600),
  EVG_RATE_LIMIT_INGEST: int(1, 1_000_000_000).default(120),
  EVG_RATE_LIMIT_ANALYST: int(1, 1_000_000_000).default(600),
  EVG_RATE_LIMIT_ADMIN: int(1, 1_000_000_000).default(600),
  EVG_TRUST_PROXY: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    )
    .refine((entries) => entries.every(isProxyEntry), 'must be proxy addresses or CIDRs, comma-separated')
    .default([]),
  EVG_EFFECTS_MAX_ROWS: int(1, 10_000_000).default(20_000),
  EVG_REQUEST_TIMEOUT_MS: int(1000, 86_400_000).default(300_000),
  EVG_HEADERS_TIMEOUT_MS: int(1000, 86_400_000).default(30_000),
  EVG_CONNECTION_TIMEOUT_MS: int(1000, 86_400_000).default(120_000),
  EVG_READ_MODEL_WORKER: bool.default(true),
});

/** A variable that cannot be used; `variable` names it, `message` says why. */
export class ConfigError extends Error {
  readonly code = 'invalid-config';

  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable}: ${reason}`);
    this.name = 'ConfigError';
  }
}

/**
 * Secrets from files (Docker and Kubernetes secrets): for `DATABASE_URL`, `DATABASE_READ_URL`
 * and every `EVG_*` variable, `<NAME>_FILE` may name a file holding the value (one trailing newline is dropped).
 * Fills `env` in place (NAME set, NAME_FILE removed) so every reader of the environment sees
 * the value; throws a ConfigError naming NAME_FILE when both are set or the file is unusable.
 */
export function applySecretFiles(env: NodeJS.ProcessEnv): void {
  for (const [key, file] of Object.entries(env)) {
    const name = key.slice(0, -'_FILE'.length);
    if (
      !key.endsWith('_FILE') ||
      !(name === 'DATABASE_URL' || name === 'DATABASE_READ_URL' || name.startsWith('EVG_')) ||
      !file
    )
      continue;
    if (env[name]) throw new ConfigError(key, `set either ${name} or ${key}, not both`);
    let value: string;
    try {
      value = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      throw new ConfigError(key, `cannot read ${file} (${String(errorCode(error))})`);
    }
    if (value === '') throw new ConfigError(key, `${file} is empty`);
    env[name] = value;
    delete env[key];
  }
}

type EnvVariable = keyof typeof envSchema.shape;

/** Every environment variable the EVG reads (besides `<NAME>_FILE`), in the schema's order. */
export const CONFIG_VARIABLES: readonly EnvVariable[] = envSchema.keyof().options;

const dataEnvSchema = envSchema.pick({
  DATABASE_URL: true,
  EVG_DATA_DIR: true,
  EVG_DISCLOSURE_KEY: true,
  EVG_PSEUDONYM_KEY: true,
  EVG_AS_OF: true,
  EVG_DEBUG: true,
  EVG_BATCH_NICE: true,
});

/** Validates the variables of `schema` present in `env` (empty strings count as unset). */
function parseEnv<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  env: NodeJS.ProcessEnv,
): z.output<z.ZodObject<Shape>> {
  const present = Object.fromEntries(
    Object.keys(schema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  return parsed.data;
}

/**
 * The data part of the configuration alone (DATABASE_URL, EVG_DATA_DIR, the secrets, EVG_AS_OF,
 * EVG_DEBUG, EVG_BATCH_NICE), for the commands that do not serve. Throws ConfigError naming a bad variable.
 *
 * @example
 *   loadDataConfig({ EVG_AS_OF: '2026-10-31' }).asOf; // '2026-10-31'
 */
export function loadDataConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): DataConfig {
  const value = parseEnv(dataEnvSchema, env);
  return {
    databaseUrl: value.DATABASE_URL,
    dataDir: path.resolve(cwd, value.EVG_DATA_DIR),
    disclosureKey: value.EVG_DISCLOSURE_KEY,
    pseudonymKey: value.EVG_PSEUDONYM_KEY,
    asOf: value.EVG_AS_OF,
    debug: value.EVG_DEBUG,
    batchNice: value.EVG_BATCH_NICE,
  };
}

/**
 * Reads the whole configuration from `env`; empty strings count as unset. Throws ConfigError
 * naming the first bad variable.
 *
 * @example
 *   const config = loadConfig({ PORT: '8080', EVG_READ_REQUIRES_KEY: 'true' });
 *   config.port; // 8080
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): ServiceConfig {
  const value = parseEnv(envSchema, env);
  // The embedded database is one process's folder: there is no replica of it to read from.
  if (value.DATABASE_READ_URL !== undefined && value.DATABASE_URL === undefined) {
    throw new ConfigError('DATABASE_READ_URL', 'needs DATABASE_URL too (the primary that takes the writes)');
  }
  return {
    ...loadDataConfig(env, cwd),
    port: value.PORT,
    host: value.HOST,
    databaseReadUrl: value.DATABASE_READ_URL,
    readRequiresKey: value.EVG_READ_REQUIRES_KEY,
    corsOrigins: value.EVG_CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
    rateLimit: value.EVG_RATE_LIMIT,
    minCellSize: value.EVG_MIN_CELL_SIZE,
    bodyLimit: value.EVG_BODY_LIMIT,
    importBodyLimit: value.EVG_IMPORT_BODY_LIMIT,
    refreshPollMs: value.EVG_REFRESH_POLL_MS,
    logLevel: value.LOG_LEVEL,
    rateLimitPerKey: {
      caseworker: value.EVG_RATE_LIMIT_CASEWORKER,
      bi: value.EVG_RATE_LIMIT_BI,
      ingest: value.EVG_RATE_LIMIT_INGEST,
      analyst: value.EVG_RATE_LIMIT_ANALYST,
      admin: value.EVG_RATE_LIMIT_ADMIN,
    },
    trustProxy: value.EVG_TRUST_PROXY,
    effectsMaxRows: value.EVG_EFFECTS_MAX_ROWS,
    requestTimeoutMs: value.EVG_REQUEST_TIMEOUT_MS,
    // Node refuses a headers timeout longer than the request timeout.
    headersTimeoutMs: Math.min(value.EVG_HEADERS_TIMEOUT_MS, value.EVG_REQUEST_TIMEOUT_MS),
    connectionTimeoutMs: value.EVG_CONNECTION_TIMEOUT_MS,
    readModelWorker: value.EVG_READ_MODEL_WORKER,
  };
}

/**
 * EVG_DEBUG for the CLI's last-resort error report, which must work even when another variable
 * is invalid: false unless EVG_DEBUG is valid and on.
 *
 * @example
 *   debugEnabled({ EVG_DEBUG: '1' }); // true
 */
export function debugEnabled(env: NodeJS.ProcessEnv): boolean {
  return envSchema.shape.EVG_DEBUG.safeParse(env.EVG_DEBUG || undefined).data === true;
}
