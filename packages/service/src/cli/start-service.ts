import { ensureDemoData } from '../synth/seed-database.ts';
import { refreshEffects } from '../refresh/index.ts';
import { refreshInWorker } from '../refresh/refresh-in-worker.ts';
import { buildApp } from '../app.ts';
import type { RefreshRunner } from '../plugins/app/refresher.ts';
import type { ServiceConfig } from '../config.ts';
import type { Kysely } from 'kysely';
import { createDb, type DbHandle } from '../db/create-db.ts';
import type { Database } from '../db/database.ts';
import { isMigrated, migrateToLatest } from '../db/migrate.ts';
import { listen, type RunningServer } from '../server.ts';
import type { CliIo } from './cli-io.ts';
import { ensureDemoKey } from './demo-key.ts';
import { disclosureKey } from '../secrets/disclosure-key.ts';
import { findCurrentDataVersion } from '../repositories/effects-read.ts';
import { countPersons } from '../repositories/person-records.ts';

/**
 * The server's refresh, after imports and on POST /v1/refresh: the imports' cut-off unless
 * EVG_AS_OF overrides it, never today. On a PostgreSQL server (`server`) it runs in a worker
 * thread of its own at EVG_BATCH_NICE, so requests are answered while it reads, computes and
 * writes; the embedded database's one session is the event loop's, so there it runs in line.
 */
export function serviceRefresh(
  config: ServiceConfig,
  disclosureKey: string,
  server?: { connectionString: string },
): RefreshRunner {
  const options = { minCellSize: config.minCellSize, asOf: config.asOf, disclosureKey };
  if (server)
    return () =>
      refreshInWorker({ connectionString: server.connectionString, options, nice: config.batchNice });
  return (db) => refreshEffects(db, options);
}

/**
 * What `evg start` does: open (or create) the database, migrate it, load demo data on an empty
 * embedded database, build the app, listen, and print where to go. The demo key (demo-key.ts)
 * is made and printed only on the embedded database or when `demoKey` asks for it: on a
 * configured server, a key nobody asked for would be a way in.
 */
export async function startService(
  config: ServiceConfig,
  io: CliIo,
  options: { demoKey?: boolean } = {},
): Promise<RunningServer> {
  const handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let reader: DbHandle | undefined;
  try {
    await migrateToLatest(handle.db);
    const secret = await disclosureKey(config);
    // Only the embedded database gets demo data: a configured server is someone's real data.
    if (handle.embedded) {
      const log = (line: string) => io.stderr.write(`evg start: ${line}\n`);
      const demo = {
        connectionString: handle.connectionString,
        disclosureKey: secret,
        refreshAsOf: config.asOf,
        log,
      };
      if (await ensureDemoData(handle.db, demo)) {
        log('demo data loaded (synthetic, Copenhagen scale)');
      }
    }
    if (!(await findCurrentDataVersion(handle.db)) && (await countPersons(handle.db)) > 0) {
      // Records but no effect tables (an upgrade dropped tables without cell keys): make them.
      io.stderr.write('evg start: computing the effect tables\n');
      await refreshEffects(handle.db, {
        minCellSize: config.minCellSize,
        disclosureKey: secret,
        connectionString: handle.connectionString,
      });
    }
    // Reads from a streaming replica (or a pooler in front of one): it replays the migrations
    // just applied on the primary by itself; until then /ready says so.
    if (config.databaseReadUrl) {
      reader = await createDb({ databaseUrl: config.databaseReadUrl });
      await waitForMigrations(reader.db, io);
    }
    const readHandle = reader;
    const demoKey =
      handle.embedded || options.demoKey ? await ensureDemoKey(handle.db, config.dataDir) : null;
    const app = await buildApp({
      config,
      db: handle.db,
      readDb: readHandle?.db,
      connectionString: handle.connectionString,
      readConnectionString: readHandle?.connectionString,
      logger: { level: config.logLevel, stream: io.stdout },
      refreshEffects: serviceRefresh(config, secret, handle.embedded ? undefined : handle),
    });
    const close = async () => {
      await readHandle?.close();
      await handle.close();
    };
    const server = await listen(app, config, close).catch(async (error: unknown) => {
      await app.close();
      throw error;
    });
    const base = server.url.replace('://[::1]', '://localhost');
    const lines = [
      `EVG kører på ${base}`,
      `  Webklient:        ${base}/`,
      `  API-dokumentation: ${base}/docs`,
      `  OpenAPI:           ${base}/openapi.json`,
      demoKey
        ? `  Demo-nøgle (sagsbehandler): ${demoKey}`
        : `  Opret en API-nøgle med: evg keys create --role caseworker`,
      `  Database: ${handle.embedded ? `indlejret i ${config.dataDir}` : 'DATABASE_URL'}${readHandle ? ' (læser fra DATABASE_READ_URL)' : ''}`,
    ];
    io.stderr.write(lines.join('\n') + '\n');
    return server;
  } catch (error) {
    await reader?.close();
    await handle.close();
    throw error;
  }
}

/** How long `evg start` waits for a read replica to replay the primary's migrations. */
const REPLICA_MIGRATION_WAIT_MS = 120_000;

/**
 * Waits until the read database has every migration (a replica replays the primary's a moment
 * later): the read model cannot load from tables the replica does not have yet.
 */
async function waitForMigrations(db: Kysely<Database>, io: CliIo): Promise<void> {
  const deadline = Date.now() + REPLICA_MIGRATION_WAIT_MS;
  let told = false;
  while (!(await isMigrated(db))) {
    if (Date.now() > deadline) {
      throw new Error(
        'DATABASE_READ_URL: the read database lacks migrations applied on DATABASE_URL; is it a replica of it?',
      );
    }
    if (!told) io.stderr.write('evg start: waiting for the read replica to replay the migrations\n');
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
