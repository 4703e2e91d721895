import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../src/server.ts';
import { createTestApp, type TestApp } from './test-app.ts';

let t: TestApp;
let server: RunningServer;
beforeAll(async () => {
  t = await createTestApp({
    EVG_REQUEST_TIMEOUT_MS: '20000',
    EVG_HEADERS_TIMEOUT_MS: '5000',
    EVG_CONNECTION_TIMEOUT_MS: '1000',
  });
  server = await listen(t.app, { port: 0, host: '127.0.0.1' }, async () => {});
});
afterAll(async () => {
  await server.stop();
  await t.database.close();
});

describe('connection timeouts', () => {
  it('are the configured ones on the listening server (none is 0, which would mean never)', () => {
    expect(t.app.server.requestTimeout).toBe(20_000);
    expect(t.app.server.headersTimeout).toBe(5000);
    expect(t.app.server.timeout).toBe(1000);
  });

  it('close a connection that sends half a request and then stalls', async () => {
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    // Headers begun, never finished: before, such a connection stayed open indefinitely.
    socket.write('POST /v1/imports/persons HTTP/1.1\r\nHost: evg\r\nContent-Length: 1000\r\n');
    const closed = await new Promise<boolean>((resolve) => {
      socket.once('close', () => resolve(true));
      socket.resume();
    });
    expect(closed).toBe(true);
    expect(socket.destroyed).toBe(true);
  });

  it('still serve a client that sends its request promptly', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
  });
});
