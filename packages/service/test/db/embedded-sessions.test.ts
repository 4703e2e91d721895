/**
 * The embedded database (PGlite behind a local socket) is one PostgreSQL session serving many
 * connections. These tests drive it the way the service does — many pg clients at once, with
 * parameterised (unnamed, extended-protocol) statements and transactions — and check every
 * answer, not just the absence of errors.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../src/db/create-db.ts';

let dir: string;
let handle: DbHandle;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'evg-sessions-'));
  handle = await createDb({ dataDir: dir, maxConnections: 10, idleInTransactionTimeoutMs: 1_000 });
  await rawQuery('CREATE TABLE counters (client int NOT NULL, n int NOT NULL)');
});
afterAll(async () => {
  await handle?.close();
  await rm(dir, { recursive: true, force: true });
});

async function rawQuery(text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: handle.connectionString });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

async function withClients<T>(
  count: number,
  run: (client: pg.Client, index: number) => Promise<T>,
): Promise<T[]> {
  const clients = Array.from(
    { length: count },
    () => new pg.Client({ connectionString: handle.connectionString }),
  );
  await Promise.all(clients.map((c) => c.connect()));
  try {
    return await Promise.all(clients.map((c, i) => run(c, i)));
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
  }
}

describe('embedded database under concurrency', () => {
  it('answers every parameterised statement of many connections with its own result', async () => {
    const wrong: string[] = [];
    await withClients(12, async (client, c) => {
      for (let i = 0; i < 40; i++) {
        // Statements with different parameter counts, so a Bind meeting another connection's
        // Parse fails loudly; results carry the sender's numbers, so a swapped answer shows.
        if (i % 2 === 0) {
          const { rows } = await client.query('SELECT $1::int AS c, $2::int AS i', [c, i]);
          if (rows[0]?.c !== c || rows[0]?.i !== i) wrong.push(`${c}/${i}: ${JSON.stringify(rows)}`);
        } else {
          const { rows } = await client.query('SELECT $1::text AS tag', [`${c}:${i}`]);
          if (rows[0]?.tag !== `${c}:${i}`) wrong.push(`${c}/${i}: ${JSON.stringify(rows)}`);
        }
      }
    });
    expect(wrong).toEqual([]);
  });

  it('keeps a transaction to its connection until COMMIT or ROLLBACK', async () => {
    const results = await withClients(10, async (client, c) => {
      const seen: number[] = [];
      for (let round = 0; round < 10; round++) {
        await client.query('BEGIN');
        await client.query('INSERT INTO counters (client, n) VALUES ($1, $2)', [c, round]);
        // Another connection's statement inside this transaction would see or write rows here.
        const { rows } = await client.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM counters WHERE client = $1',
          [c],
        );
        seen.push(rows[0]!.n);
        // Half the rounds roll back: their rows must vanish, and nobody else's with them.
        await client.query(round % 2 === 0 ? 'COMMIT' : 'ROLLBACK');
      }
      return seen;
    });
    for (const seen of results) expect(seen).toEqual([1, 2, 2, 3, 3, 4, 4, 5, 5, 6]);
    const { rows } = await rawQuery(
      'SELECT client, count(*)::int AS n FROM counters GROUP BY client ORDER BY client',
    );
    expect(rows).toEqual(Array.from({ length: 10 }, (_, c) => ({ client: c, n: 5 })));
  });

  it('gives a failed transaction back only after its ROLLBACK', async () => {
    const results = await withClients(6, async (client, c) => {
      await client.query('BEGIN');
      await expect(client.query('SELECT 1/0')).rejects.toThrow(/division by zero/);
      // Aborted: until ROLLBACK, this connection's statements fail, and nobody else's do.
      await expect(client.query('SELECT $1::int', [c])).rejects.toThrow(/current transaction is aborted/);
      await client.query('ROLLBACK');
      return (await client.query('SELECT $1::int AS c', [c])).rows[0]?.c;
    });
    expect(results).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('ends a connection idle in a transaction after the timeout, rolls it back and serves the rest', async () => {
    const idle = new pg.Client({ connectionString: handle.connectionString });
    const idleErrors: Error[] = [];
    idle.on('error', (error) => idleErrors.push(error));
    await idle.connect();
    await idle.query('BEGIN');
    await idle.query('INSERT INTO counters (client, n) VALUES (99, 1)');
    // The idle transaction holds the only session; this query waits until the timeout ends it.
    const { rows } = await rawQuery('SELECT count(*)::int AS n FROM counters WHERE client = 99');
    expect(rows).toEqual([{ n: 0 }]);
    await expect(idle.query('SELECT 1')).rejects.toThrow();
    expect(idleErrors.map((e) => e.message).join(' ')).toMatch(/idle-in-transaction timeout/);
    await idle.end().catch(() => {});
  });

  it('rolls back the open transaction of a connection that goes away, and serves the next one', async () => {
    const gone = new pg.Client({ connectionString: handle.connectionString });
    gone.on('error', () => {});
    await gone.connect();
    await gone.query('BEGIN');
    await gone.query('INSERT INTO counters (client, n) VALUES (98, 1)');
    await gone.end();
    const { rows } = await rawQuery('SELECT count(*)::int AS n FROM counters WHERE client = 98');
    expect(rows).toEqual([{ n: 0 }]);
  });
});
