// The service process itself killed (SIGKILL, no chance to clean up) in the middle of an import:
// `evg import` from the command line, and `evg start` receiving an HTTP import. Nothing of the
// batch is stored, and the same import simply succeeds when run again.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/create-db.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createApiKey } from '../../src/repositories/api-keys.ts';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { freePort, startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.ts';
import { writeWorld } from '../support/reliability-world.ts';

const EVG = resolve(fileURLToPath(import.meta.url), '../../../bin/evg.js');

let server: PrivatePostgres;
let proxy: FaultProxy;
let dir: string;
let ingestKey: string;

async function counts(): Promise<{ persons: number; periods: number }> {
  const client = new pg.Client({ connectionString: server.url() });
  await client.connect();
  try {
    const persons = (await client.query('SELECT count(*)::int AS n FROM persons')).rows[0].n as number;
    const periods = (await client.query('SELECT count(*)::int AS n FROM benefit_periods')).rows[0]
      .n as number;
    return { persons, periods };
  } finally {
    await client.end();
  }
}

function evg(
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(process.execPath, [EVG, ...args], {
    env: { ...process.env, DATABASE_URL: proxy.rewrite(server.url()), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<number | null>((resolveExit) =>
    child.on('exit', (code, signal) => resolveExit(signal === 'SIGKILL' ? null : code)),
  );
  done.then((code) => {
    if (code !== 0 && code !== null) process.stderr.write(`evg ${args[0]} exited ${code}: ${stderr}\n`);
  });
  return { child, done };
}

beforeAll(async () => {
  server = await startPrivatePostgres();
  proxy = await startFaultProxy({ host: '127.0.0.1', port: server.port });
  const handle = await createDb({ databaseUrl: server.url(), maxConnections: 1 });
  try {
    await migrateToLatest(handle.db);
    ingestKey = (await createApiKey(handle.db, { name: 'kill test', role: 'ingest' })).secret;
  } finally {
    await handle.close();
  }
  dir = await mkdtemp(join(tmpdir(), 'evg-process-kill-'));
  await writeWorld(dir, {
    cells: [{ offerId: 'offer-a', targetGroup: 'jobparat', enrollments: 20 }],
    bulkPersons: 15_000,
    periodsPerBulkPerson: 4,
  });
});

afterAll(async () => {
  await proxy?.close();
  await server?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the service process killed mid-import', () => {
  it('evg import killed half-way stores nothing; run again, it stores everything', async () => {
    const before = await counts();
    const run = evg(['import', '--data', dir, '--no-refresh']);
    await proxy.whenForwarded(1_000_000);
    run.child.kill('SIGKILL');
    expect(await run.done).toBeNull();
    expect(await counts()).toEqual(before);

    const again = evg(['import', '--data', dir, '--no-refresh']);
    expect(await again.done).toBe(0);
    expect(await counts()).toEqual({
      persons: before.persons + 15_020,
      periods: before.periods + 60_000 + 20 + 7,
    });
  }, 120_000);

  it('evg start killed while receiving an HTTP import stores nothing of it; restarted, the import works', async () => {
    // Benefit periods of persons already stored, under new period ids: a batch of its own.
    const lines = ['period_id,person_id,benefit_type,start_date,end_date'];
    for (let i = 0; i < 40_000; i++) {
      lines.push(
        `kill-${i},w-bulk${String(i % 15_000).padStart(7, '0')},kontanthjaelp,2023-0${1 + (i % 9)}-01,2023-12-31`,
      );
    }
    const body = lines.join('\n') + '\n';
    const before = await counts();

    const port = await freePort();
    const start = () => evg(['start'], { PORT: String(port), HOST: '127.0.0.1', EVG_RATE_LIMIT: '1000000' });
    const waitReady = async () => {
      for (let i = 0; i < 200; i++) {
        const ok = await fetch(`http://127.0.0.1:${port}/ready`).then(
          (r) => r.status === 200,
          () => false,
        );
        if (ok) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('evg start did not become ready');
    };
    const post = () =>
      fetch(`http://127.0.0.1:${port}/v1/imports/benefit_periods`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ingestKey}`, 'content-type': 'text/csv' },
        body,
      });

    const first = start();
    await waitReady();
    const upload = post().then(
      (response) => response.status,
      () => 'connection lost',
    );
    await proxy.whenForwarded(500_000);
    first.child.kill('SIGKILL');
    expect(await first.done).toBeNull();
    expect(await upload).toBe('connection lost');
    expect(await counts()).toEqual(before);

    const second = start();
    try {
      await waitReady();
      const response = await post();
      expect(response.status, await response.clone().text()).toBe(201);
      expect(await response.json()).toMatchObject({ rowsStored: 40_000 });
      expect((await counts()).periods).toBe(before.periods + 40_000);
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.done).toBe(0);
    }
  }, 180_000);
});
