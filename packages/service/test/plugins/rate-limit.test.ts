import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../app/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    EVG_RATE_LIMIT: '5',
    EVG_RATE_LIMIT_CASEWORKER: '8',
    EVG_RATE_LIMIT_BI: '3',
    EVG_TRUST_PROXY: '10.0.0.1, 10.1.0.0/16',
  });
});
afterAll(() => t.close());

/** Status codes of `count` requests to `url` from `address`. */
async function statuses(
  count: number,
  address: string,
  headers: Record<string, string> = {},
  url = '/v1/offers',
) {
  const codes: number[] = [];
  for (let i = 0; i < count; i++) {
    codes.push((await t.app.inject({ url, headers, remoteAddress: address })).statusCode);
  }
  return codes;
}

const ok = (n: number) => Array<number>(n).fill(200);
const limited = (n: number) => Array<number>(n).fill(429);

describe('rate limit', () => {
  it('gives each client address its own bucket, and answers 429 problem+json with Retry-After beyond it', async () => {
    expect(await statuses(7, '192.0.2.1')).toEqual([...ok(5), ...limited(2)]);
    const over = await t.app.inject({ url: '/v1/offers', remoteAddress: '192.0.2.1' });
    expect(over.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(over.headers['retry-after']).toMatch(/^\d+$/);
    expect(over.json()).toMatchObject({ type: 'https://evg.kk.dk/problems/rate-limited', status: 429 });
    expect(await statuses(2, '192.0.2.2')).toEqual(ok(2));
  });

  it("keys a caller presenting a valid key by the key, with its role's limit, not by its address", async () => {
    const address = '192.0.2.10';
    expect(await statuses(6, address)).toEqual([...ok(5), 429]);
    // Behind the same (exhausted) address, each key has its own bucket and its role's limit.
    expect(await statuses(9, address, bearer(t.keys.caseworker))).toEqual([...ok(8), 429]);
    expect(await statuses(4, address, bearer(t.keys.bi))).toEqual([...ok(3), 429]);
    // The key's bucket follows the key to any address.
    expect(await statuses(1, '192.0.2.11', bearer(t.keys.bi))).toEqual([429]);
  });

  it('counts an unknown or malformed key against the address: an invented key opens no bucket', async () => {
    const address = '192.0.2.20';
    const codes = [];
    for (let i = 0; i < 6; i++) {
      const response = await t.app.inject({
        url: '/v1/offers',
        headers: { authorization: `Bearer invented-${i}` },
        remoteAddress: address,
      });
      codes.push(response.statusCode);
    }
    expect(codes).toEqual([...ok(5), 429]);
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    // Two clients behind the trusted proxy: separate buckets.
    const viaProxy = (client: string) => ({ 'x-forwarded-for': client });
    expect(await statuses(6, '10.0.0.1', viaProxy('198.51.100.1'))).toEqual([...ok(5), 429]);
    expect(await statuses(2, '10.1.2.3', viaProxy('198.51.100.2'))).toEqual(ok(2));
    // An untrusted sender cannot pick a fresh bucket by inventing the header.
    const spoofed = [];
    for (let i = 0; i < 6; i++)
      spoofed.push(...(await statuses(1, '192.0.2.30', viaProxy(`203.0.113.${i}`))));
    expect(spoofed).toEqual([...ok(5), 429]);
  });

  it('does not count the web client files nor /health and /ready', async () => {
    const address = '192.0.2.40';
    expect(await statuses(6, address)).toEqual([...ok(5), 429]);
    expect(await statuses(3, address, {}, '/')).toEqual(ok(3));
    expect(await statuses(3, address, {}, '/health')).toEqual(ok(3));
    expect(await statuses(3, address, {}, '/ready')).toEqual(ok(3));
  });
});
