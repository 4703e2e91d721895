import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('loadConfig', () => {
  it('has working defaults with no environment at all', () => {
    const config = loadConfig({}, '/srv/evg');
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: '/srv/evg/data',
      readRequiresKey: false,
      corsOrigins: [],
      minCellSize: 5,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://evg@db/evg',
      EVG_DATA_DIR: '/var/lib/evg',
      EVG_READ_REQUIRES_KEY: 'true',
      EVG_CORS_ORIGINS: 'https://a.kk.dk, https://b.kk.dk',
      EVG_RATE_LIMIT: '100',
      EVG_MIN_CELL_SIZE: '10',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://evg@db/evg',
      dataDir: '/var/lib/evg',
      readRequiresKey: true,
      corsOrigins: ['https://a.kk.dk', 'https://b.kk.dk'],
      rateLimit: 100,
      minCellSize: 10,
    });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['EVG_READ_REQUIRES_KEY', 'maybe'],
    ['DATABASE_URL', 'mysql://x'],
    ['EVG_MIN_CELL_SIZE', '0'],
  ])('names %s when it is %s', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^${variable}:`));
  });
});
