/**
 * A private PgBouncer (Debian's 1.18) in transaction pooling in front of private PostgreSQL
 * servers, for the tests of README "Scaling out": its own directory and port, trust auth.
 */
import { execFile } from 'node:child_process';
import { chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './private-postgres.ts';

const run = promisify(execFile);
export const PGBOUNCER_BIN = process.env.EVG_PGBOUNCER_BIN ?? '/usr/sbin/pgbouncer';

export interface PrivatePgbouncer {
  readonly port: number;
  /** `postgres://postgres@127.0.0.1:<port>/<name>`, `name` one of the databases it was given. */
  url(name: string): string;
  /** Stops it and removes its directory. */
  destroy(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts PgBouncer with `databases` (name → server port on 127.0.0.1, database `postgres`).
 * PgBouncer refuses to run as root: as root it runs as `postgres`.
 *
 * @example
 *   const pooler = await startPrivatePgbouncer({ evg: primary.port }, { poolSize: 3 });
 *   const handle = await createDb({ databaseUrl: pooler.url('evg') });
 */
export async function startPrivatePgbouncer(
  databases: Record<string, number>,
  options: { poolSize?: number } = {},
): Promise<PrivatePgbouncer> {
  const root = await mkdtemp(join(tmpdir(), 'evg-pgbouncer-'));
  const port = await freePort();
  const ini = join(root, 'pgbouncer.ini');
  const users = join(root, 'userlist.txt');
  const pidFile = join(root, 'pgbouncer.pid');
  await writeFile(
    ini,
    [
      '[databases]',
      ...Object.entries(databases).map(([name, to]) => `${name} = host=127.0.0.1 port=${to} dbname=postgres`),
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      `unix_socket_dir = ${root}`,
      'auth_type = trust',
      `auth_file = ${users}`,
      'pool_mode = transaction',
      `default_pool_size = ${options.poolSize ?? 4}`,
      'max_client_conn = 100',
      'admin_users = postgres',
      `logfile = ${join(root, 'pgbouncer.log')}`,
      `pidfile = ${pidFile}`,
      '',
    ].join('\n'),
  );
  await writeFile(users, '"postgres" ""\n');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const [{ stdout: uid }, { stdout: gid }] = await Promise.all([
      run('id', ['-u', 'postgres']),
      run('id', ['-g', 'postgres']),
    ]);
    for (const path of [root, ini, users]) await chown(path, Number(uid.trim()), Number(gid.trim()));
  }
  // -d: it daemonises once it listens, so the command returns with the port open.
  const [cmd, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', PGBOUNCER_BIN, '-d', ini]]
    : [PGBOUNCER_BIN, ['-d', ini]];
  await run(cmd, argv, { timeout: 30_000 });
  const pooler: PrivatePgbouncer = {
    port,
    url: (name) => `postgres://postgres@127.0.0.1:${port}/${name}`,
    async destroy() {
      const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
        for (let i = 0; i < 200 && isAlive(pid); i++) await sleep(25);
      }
      await rm(root, { recursive: true, force: true });
    },
  };
  // Answering the admin console means it accepts clients.
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: pooler.url('pgbouncer') });
    try {
      await client.connect();
      await client.end();
      return pooler;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (attempt >= 100) {
        await pooler.destroy();
        throw new Error(`private PgBouncer did not start: ${String(error)}`);
      }
      await sleep(100);
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
