import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applySecretFiles,
  CONFIG_VARIABLES,
  ConfigError,
  debugEnabled,
  loadConfig,
  loadDataConfig,
} from '../../src/config.ts';

/** The variables README's configuration table names (`A` / `_B` is A and A's prefix + _B). */
async function readmeVariables(): Promise<string[]> {
  const readme = await readFile(new URL('../../../../README.md', import.meta.url), 'utf8');
  const section = readme.split('## Configuration (environment variables)')[1]!.split('\n## ')[0]!;
  const names: string[] = [];
  for (const row of section.split('\n').filter((line) => line.startsWith('| `'))) {
    const tokens = [...row.split('|')[1]!.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
    const first = tokens[0]!;
    if (first === '<NAME>_FILE') continue;
    for (const token of tokens) {
      names.push(
        token.startsWith('_') ? first.slice(0, first.lastIndexOf('_', first.length - 1)) + token : token,
      );
    }
  }
  return names;
}

describe('loadConfig', () => {
  it('has working defaults with no environment at all', () => {
    const config = loadConfig({}, '/srv/evg');
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      databaseReadUrl: undefined,
      dataDir: '/srv/evg/data',
      readRequiresKey: false,
      corsOrigins: [],
      minCellSize: 5,
      rateLimit: 600,
      rateLimitPerKey: { caseworker: 3000, bi: 600, ingest: 120, analyst: 600, admin: 600 },
      trustProxy: [],
      effectsMaxRows: 20_000,
      requestTimeoutMs: 300_000,
      headersTimeoutMs: 30_000,
      connectionTimeoutMs: 120_000,
    });
  });

  it('reads the limits and timeouts, and the trusted proxies as a list', () => {
    const config = loadConfig({
      EVG_RATE_LIMIT_CASEWORKER: '100',
      EVG_RATE_LIMIT_BI: '200',
      EVG_RATE_LIMIT_INGEST: '300',
      EVG_RATE_LIMIT_ANALYST: '350',
      EVG_RATE_LIMIT_ADMIN: '400',
      EVG_TRUST_PROXY: '10.0.0.5, 192.168.0.0/16,::1,fd00::/8, loopback',
      EVG_EFFECTS_MAX_ROWS: '500',
      EVG_REQUEST_TIMEOUT_MS: '20000',
      EVG_HEADERS_TIMEOUT_MS: '60000',
      EVG_CONNECTION_TIMEOUT_MS: '5000',
    });
    expect(config).toMatchObject({
      rateLimitPerKey: { caseworker: 100, bi: 200, ingest: 300, analyst: 350, admin: 400 },
      trustProxy: ['10.0.0.5', '192.168.0.0/16', '::1', 'fd00::/8', 'loopback'],
      effectsMaxRows: 500,
      requestTimeoutMs: 20_000,
      // Never longer than the whole request may take (Node refuses it).
      headersTimeoutMs: 20_000,
      connectionTimeoutMs: 5000,
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

  it('reads a separate read URL beside the primary, and refuses one without a primary', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://evg@primary/evg',
      DATABASE_READ_URL: 'postgresql://evg@replica:6432/evg',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://evg@primary/evg',
      databaseReadUrl: 'postgresql://evg@replica:6432/evg',
    });
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://evg@replica/evg' })).toThrow(
      new ConfigError('DATABASE_READ_URL', 'needs DATABASE_URL too (the primary that takes the writes)'),
    );
  });

  it('README documents exactly the variables the schema reads', async () => {
    expect((await readmeVariables()).sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it.each([
    ['DATABASE_READ_URL', 'http://replica'],
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['EVG_READ_REQUIRES_KEY', 'maybe'],
    ['DATABASE_URL', 'mysql://x'],
    ['EVG_MIN_CELL_SIZE', '0'],
    ['EVG_TRUST_PROXY', 'true'],
    ['EVG_TRUST_PROXY', '10.0.0.0/33'],
    ['EVG_TRUST_PROXY', 'proxy.kk.dk'],
    ['EVG_RATE_LIMIT_BI', '0'],
    ['EVG_REQUEST_TIMEOUT_MS', '0'],
    ['EVG_PSEUDONYM_KEY', 'short'],
    ['EVG_DEBUG', 'yes'],
  ])('names %s when it is %s', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^${variable}:`));
  });
});

describe('loadDataConfig', () => {
  it('reads the data variables alone, so a bad server variable does not stop evg import', () => {
    const config = loadDataConfig(
      { EVG_AS_OF: '2026-10-31', EVG_PSEUDONYM_KEY: 'a pseudonym secret', PORT: 'abc', EVG_DEBUG: '1' },
      '/srv/evg',
    );
    expect(config).toEqual({
      databaseUrl: undefined,
      dataDir: '/srv/evg/data',
      disclosureKey: undefined,
      pseudonymKey: 'a pseudonym secret',
      asOf: '2026-10-31',
      debug: true,
      batchNice: 10,
    });
  });

  it('takes the batch priority as a nice value from 0 to 19, 10 unless set', () => {
    expect(loadDataConfig({ EVG_BATCH_NICE: '0' }).batchNice).toBe(0);
    expect(loadDataConfig({ EVG_BATCH_NICE: '19' }).batchNice).toBe(19);
    expect(() => loadDataConfig({ EVG_BATCH_NICE: '20' })).toThrow(/^EVG_BATCH_NICE:/);
    expect(() => loadDataConfig({ EVG_BATCH_NICE: '-5' })).toThrow(/^EVG_BATCH_NICE:/);
  });

  it('checks DATABASE_URL and EVG_AS_OF as loadConfig does', () => {
    expect(() => loadDataConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/^DATABASE_URL:/);
    expect(() => loadDataConfig({ EVG_AS_OF: '2026-02-30' })).toThrow(/^EVG_AS_OF:/);
  });

  it('debugEnabled is false unless EVG_DEBUG is valid and on', () => {
    expect([
      debugEnabled({}),
      debugEnabled({ EVG_DEBUG: 'yes' }),
      debugEnabled({ EVG_DEBUG: 'true' }),
    ]).toEqual([false, false, true]);
  });
});

describe('applySecretFiles', () => {
  it('fills DATABASE_URL, DATABASE_READ_URL and any EVG_* variable from <NAME>_FILE, leaving other variables alone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'evg-secret-'));
    try {
      await writeFile(join(dir, 'url'), 'postgres://evg:s3cret@db:5432/evg\n');
      await writeFile(join(dir, 'key'), 'pseudonym key with spaces \r\n');
      await writeFile(join(dir, 'later'), 'a later secret, 16 characters or more');
      const env: NodeJS.ProcessEnv = {
        DATABASE_URL_FILE: join(dir, 'url'),
        DATABASE_READ_URL_FILE: join(dir, 'url'),
        EVG_PSEUDONYM_KEY_FILE: join(dir, 'key'),
        EVG_DISCLOSURE_KEY_FILE: join(dir, 'later'),
        SSL_CERT_FILE: '/etc/ssl/cert.pem',
      };
      applySecretFiles(env);
      expect(env).toEqual({
        DATABASE_URL: 'postgres://evg:s3cret@db:5432/evg',
        DATABASE_READ_URL: 'postgres://evg:s3cret@db:5432/evg',
        EVG_PSEUDONYM_KEY: 'pseudonym key with spaces ',
        EVG_DISCLOSURE_KEY: 'a later secret, 16 characters or more',
        SSL_CERT_FILE: '/etc/ssl/cert.pem',
      });
      expect(loadConfig(env).databaseUrl).toBe('postgres://evg:s3cret@db:5432/evg');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses both forms, an unreadable file and an empty one, naming the _FILE variable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'evg-secret-'));
    try {
      await writeFile(join(dir, 'empty'), '\n');
      const attempt = (env: NodeJS.ProcessEnv) => () => applySecretFiles(env);
      expect(attempt({ EVG_PSEUDONYM_KEY: 'k', EVG_PSEUDONYM_KEY_FILE: join(dir, 'empty') })).toThrow(
        new ConfigError(
          'EVG_PSEUDONYM_KEY_FILE',
          'set either EVG_PSEUDONYM_KEY or EVG_PSEUDONYM_KEY_FILE, not both',
        ),
      );
      expect(attempt({ DATABASE_URL_FILE: join(dir, 'none') })).toThrow(
        `DATABASE_URL_FILE: cannot read ${join(dir, 'none')} (ENOENT)`,
      );
      expect(attempt({ DATABASE_URL_FILE: dir })).toThrow('(EISDIR)');
      expect(attempt({ EVG_PSEUDONYM_KEY_FILE: join(dir, 'empty') })).toThrow(
        `EVG_PSEUDONYM_KEY_FILE: ${join(dir, 'empty')} is empty`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
