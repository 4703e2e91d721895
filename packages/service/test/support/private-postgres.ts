/**
 * A private PostgreSQL 15 server for fault tests: its own data directory, its own port, trust
 * auth. Tests stop, crash and restart it at will — something they must never do to the shared
 * server on 5432 that every other suite uses.
 */
import { execFile } from 'node:child_process';
import { chmod, chown, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = process.env.EVG_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PrivatePostgres {
  readonly port: number;
  readonly dataDir: string;
  /** `postgres://postgres@127.0.0.1:<port>/<database>`; database `postgres` by default. */
  url(database?: string): string;
  /** Starts the server and waits until it accepts connections. */
  start(): Promise<void>;
  /** A clean shutdown ('fast') or a crash-like one ('immediate': no checkpoint, recovery on start). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** SIGKILLs the postmaster, as the OOM killer would, and waits for its backends to die. */
  kill(): Promise<void>;
  /** Stop ('immediate' by default) then start. */
  restart(mode?: 'fast' | 'immediate'): Promise<void>;
  isRunning(): Promise<boolean>;
  /** Stops the server if running and removes its directory. */
  destroy(): Promise<void>;
}

/** A port nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** initdb refuses to run as root: when we are root, run the server binaries as `postgres`. */
async function asPostgres(file: string, args: string[], timeoutMs = 60_000) {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  return run(cmd, argv, { timeout: timeoutMs, env: { ...process.env, LC_ALL: 'C.UTF-8' } });
}

async function postgresIds(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([
    run('id', ['-u', 'postgres']),
    run('id', ['-g', 'postgres']),
  ]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates (initdb) and starts a private server on a free port.
 *
 * @example
 *   const pg = await startPrivatePostgres();
 *   const url = pg.url();          // hand to the service, or to a fault proxy in front of it
 *   await pg.restart('immediate'); // a crash and recovery
 *   await pg.destroy();
 */
export interface PrivatePostgresOptions {
  /**
   * Every role but `postgres` must give its password over TCP (scram-sha-256), as on a real
   * server; `postgres` keeps trust so the test can administer it.
   */
  passwordAuth?: boolean;
  /**
   * Make a hot-standby streaming replica of this running server instead of a new cluster
   * (pg_basebackup -R: it follows the primary over streaming replication, read-only).
   */
  replicaOf?: PrivatePostgres;
}

export async function startPrivatePostgres(options: PrivatePostgresOptions = {}): Promise<PrivatePostgres> {
  const root = await mkdtemp(join(tmpdir(), 'evg-private-pg-'));
  const ids = await postgresIds();
  if (ids) await chown(root, ids.uid, ids.gid);
  await chmod(root, 0o700);
  const dataDir = join(root, 'data');
  const logFile = join(root, 'server.log');
  const port = await freePort();

  if (options.replicaOf) {
    // initdb's pg_hba.conf trusts replication connections from 127.0.0.1, and wal_level=replica
    // with max_wal_senders=10 are PostgreSQL 15's defaults: a basebackup needs nothing else.
    await asPostgres(join(BIN, 'pg_basebackup'), [
      '-h',
      '127.0.0.1',
      '-p',
      String(options.replicaOf.port),
      '-U',
      'postgres',
      '-D',
      dataDir,
      '-R',
      '-X',
      'stream',
      '--no-sync',
    ]);
  } else {
    await asPostgres(join(BIN, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--no-sync',
    ]);
  }
  if (options.passwordAuth) {
    const hba = join(dataDir, 'pg_hba.conf');
    await writeFile(
      hba,
      'local all all trust\nhost all postgres 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n',
    );
    if (ids) await chown(hba, ids.uid, ids.gid);
  }

  const serverOptions = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${root}'`,
    '-c fsync=off',
    '-c full_page_writes=off',
    '-c max_connections=60',
    '-c shared_buffers=32MB',
    // A replica tells its primary which rows its queries still read, so the cleanup after a
    // refresh does not cancel a read model's snapshot load there (README "Scaling out").
    ...(options.replicaOf ? ['-c hot_standby_feedback=on'] : []),
  ].join(' ');

  const pgCtl = (args: string[]) => asPostgres(join(BIN, 'pg_ctl'), ['-D', dataDir, ...args]);

  async function isRunning(): Promise<boolean> {
    try {
      await run(join(BIN, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q']);
      return true;
    } catch {
      return false;
    }
  }

  async function start(): Promise<void> {
    // After a SIGKILL, dying backends may still hold the old shared memory for a moment.
    for (let attempt = 0; ; attempt++) {
      try {
        await pgCtl(['start', '-w', '-t', '60', '-l', logFile, '-o', serverOptions]);
        return;
      } catch (error) {
        if (attempt >= 20) {
          const log = await readFile(logFile, 'utf8').catch(() => '');
          throw new Error(`private PostgreSQL did not start: ${String(error)}\n${log.slice(-2000)}`);
        }
        await sleep(250);
      }
    }
  }

  async function stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await pgCtl(['stop', '-w', '-t', '60', '-m', mode]);
  }

  async function postmasterPid(): Promise<number | undefined> {
    const text = await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
    const pid = Number(text?.split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  }

  async function kill(): Promise<void> {
    const pid = await postmasterPid();
    if (pid === undefined) return;
    // The whole server dies at once, as on a host crash: postmaster and every backend.
    const victims = [pid, ...(await childrenOf(pid))];
    for (const victim of victims) {
      try {
        process.kill(victim, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    for (let i = 0; i < 400 && (await Promise.all(victims.map(isAlive))).some(Boolean); i++) await sleep(25);
  }

  await start();
  return {
    port,
    dataDir,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start,
    stop,
    kill,
    async restart(mode = 'immediate') {
      await stop(mode);
      await start();
    },
    isRunning,
    async destroy() {
      if (await postmasterPid()) await stop('immediate').catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** The pids whose parent is `parent`, read from /proc. */
async function childrenOf(parent: number): Promise<number[]> {
  const entries = await readdir('/proc').catch(() => [] as string[]);
  const children: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // Fields after the `(comm)`: state, ppid, ...
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === parent) children.push(Number(entry));
  }
  return children;
}

async function isAlive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // A zombie (state Z) is dead for our purposes: it holds no shared memory.
  return stat !== '' && stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
}
