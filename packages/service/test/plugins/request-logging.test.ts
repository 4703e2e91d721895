import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createApiKey } from '../../src/repositories/api-keys.ts';
import { seedFixture } from '../app/fixture.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
const lines: string[] = [];
let app: Awaited<ReturnType<typeof buildApp>>;
let ingestKey: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedFixture(database.db);
  ingestKey = (await createApiKey(database.db, { name: 'i', role: 'ingest' })).secret;
  app = await buildApp({
    config: { ...loadConfig({}), refreshPollMs: 0 },
    db: database.db,
    logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } },
    refreshEffects: async () => {},
  });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('request logs', () => {
  it('carry a request id but never keys, query strings or bodies', async () => {
    const body = 'person_id,birth_date\r\n0101901234,1990-01-01\r\n';
    await app.inject({
      method: 'POST',
      url: '/v1/imports/persons?pseudonymise=false',
      headers: {
        authorization: `Bearer ${ingestKey}`,
        'content-type': 'text/csv',
        'x-request-id': 'trace-42',
      },
      payload: body,
    });
    await app.inject({ url: '/v1/offers?q=0101901234' });
    const log = lines.join('\n');
    expect(log).toContain('"reqId":"trace-42"');
    expect(log).toContain('/v1/imports/persons');
    expect(log).not.toContain(ingestKey);
    expect(log).not.toContain('0101901234');
    expect(log).not.toContain('pseudonymise');
  });

  it('leave out health probes at info, which would otherwise drown the log', async () => {
    lines.length = 0;
    expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/ready' })).statusCode).toBe(200);
    await app.inject({ url: '/v1/target-groups' });
    const logged = lines.map((line) => JSON.parse(line) as { msg: string; req?: { url: string } });
    // Only the other request: its incoming and its completed line.
    expect(logged.map((line) => [line.msg, line.req?.url])).toEqual([
      ['incoming request', '/v1/target-groups'],
      ['request completed', undefined],
    ]);
  });
});
