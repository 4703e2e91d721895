import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService } from '../../src/cli/start-service.ts';
import { loadConfig } from '../../src/config.ts';
import { listApiKeys } from '../../src/repositories/api-keys.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { memoryIo } from './memory-io.ts';

let database: TestDatabase;
let dataDir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'evg-start-'));
});
afterAll(async () => {
  await database.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function start(options: { demoKey?: boolean }) {
  const config = loadConfig({ DATABASE_URL: database.connectionString, PORT: '0', EVG_DATA_DIR: dataDir });
  const io = memoryIo();
  const server = await startService({ ...config, logLevel: 'silent' }, io, options);
  const ready = await fetch(`${server.url}/ready`);
  await server.stop();
  return { stderr: io.err(), ready: ready.status };
}

describe('evg start on a configured PostgreSQL', () => {
  it('makes no demo key unless asked for, and then prints it', async () => {
    const plain = await start({});
    expect(plain.ready).toBe(200);
    expect(plain.stderr).not.toContain('Demo-nøgle');
    expect(plain.stderr).toContain('Opret en API-nøgle med: evg keys create --role caseworker');
    expect(await listApiKeys(database.db)).toEqual([]);

    const asked = await start({ demoKey: true });
    const printed = /Demo-nøgle \(sagsbehandler\): (evg_\S+)/.exec(asked.stderr)?.[1];
    expect(printed).toBeDefined();
    expect((await listApiKeys(database.db)).map((key) => key.role)).toEqual(['caseworker']);

    // Once made, it is still printed only when asked for.
    expect((await start({})).stderr).not.toContain(printed!);
    expect((await start({ demoKey: true })).stderr).toContain(printed!);
  });
});
