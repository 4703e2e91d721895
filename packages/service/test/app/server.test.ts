import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../../src/server.ts';
import { createTestApp, type TestApp } from './test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.database.close());

describe('graceful shutdown', () => {
  it('finishes the request in flight, refuses new connections, then runs the cleanup', async () => {
    t.app.get('/slow', async () => {
      await sleep(300);
      return { done: true };
    });
    const events: string[] = [];
    const server = await listen(t.app, { port: 0, host: '127.0.0.1' }, async () => {
      events.push('cleanup');
    });
    const inFlight = fetch(`${server.url}/slow`).then(async (response) => {
      events.push(`response ${response.status}`);
      return response.json();
    });
    await sleep(50);
    process.emit('SIGTERM');
    await server.closed;
    expect(await inFlight).toEqual({ done: true });
    expect(events).toEqual(['response 200', 'cleanup']);
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });
});
