import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app/test-app.ts';

describe('security headers and CORS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ EVG_CORS_ORIGINS: 'https://bi.kk.dk' });
  });
  afterAll(() => t.close());

  it('sends a content security policy that allows only own scripts, and the usual helmet headers', async () => {
    const response = await t.app.inject('/v1/industries');
    const csp = response.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-request-id']).toBeTruthy();
  });

  it('allows configured origins only', async () => {
    const allowed = await t.app.inject({ url: '/v1/industries', headers: { origin: 'https://bi.kk.dk' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://bi.kk.dk');
    const other = await t.app.inject({ url: '/v1/industries', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('echoes a request id given by the caller', async () => {
    const response = await t.app.inject({ url: '/health', headers: { 'x-request-id': 'abc-123' } });
    expect(response.headers['x-request-id']).toBe('abc-123');
  });

  it('serves the web client at /', async () => {
    const response = await t.app.inject('/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
  });

  it('serves the interactive docs', async () => {
    const response = await t.app.inject('/docs/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('rate limiting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ EVG_RATE_LIMIT: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 problem+json with Retry-After beyond the limit per minute', async () => {
    for (let i = 0; i < 3; i++) expect((await t.app.inject('/v1/industries')).statusCode).toBe(200);
    const limited = await t.app.inject('/v1/industries');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.headers['retry-after']).toBeTruthy();
    expect(limited.json()).toMatchObject({ type: 'https://evg.kk.dk/problems/rate-limited' });
    expect((await t.app.inject('/health')).statusCode).toBe(200);
  });
});
