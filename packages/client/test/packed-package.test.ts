// The client as an integrator gets it: `npm pack`, installed into an empty Node project made by
// `npm init -y`, the README's example type-checked under moduleResolution nodenext, compiled,
// and run with `node` alone against the service listening on a port.
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../service/test/app/test-app.ts';

const run = promisify(execFile);
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

let project: string;
let tarball: string;

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'evg-client-consumer-'));
  const { version } = JSON.parse(await readFile(join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
    version: string;
  };
  // prepack builds dist/ first.
  await run('npm', ['pack', '--pack-destination', project], { cwd: PACKAGE_DIR });
  tarball = join(project, `evg-client-${version}.tgz`);
  await run('npm', ['init', '-y'], { cwd: project });
  // The client is ESM (as is top-level await in the example's caller).
  await run('npm', ['pkg', 'set', 'type=module'], { cwd: project });
  // openapi-fetch comes from the npm cache the repository's own install filled.
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: project });
  await writeFile(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        lib: ['es2022', 'dom'],
        strict: true,
        skipLibCheck: false,
        outDir: 'out',
        types: [],
      },
      files: ['search-and-compare.ts', 'main.ts'],
    }),
  );
}, 600_000);

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

describe('the packed @evg/client', { timeout: 300_000 }, () => {
  it('holds the compiled JavaScript, declarations, README and LICENSE, and no tests', async () => {
    const { stdout } = await run('tar', ['-tzf', tarball]);
    const files = stdout.split('\n').filter((line) => line !== '');
    expect(files).toEqual(
      expect.arrayContaining([
        'package/package.json',
        'package/README.md',
        'package/LICENSE',
        'package/dist/index.js',
        'package/dist/index.d.ts',
        'package/dist/generated/openapi.d.ts',
      ]),
    );
    expect(files.filter((file) => /test|\.tsbuildinfo|scripts/.test(file))).toEqual([]);
  });

  it('runs the README example, type-checked under nodenext, with node alone against the service', async () => {
    await copyFile(
      join(PACKAGE_DIR, 'examples', 'search-and-compare.ts'),
      join(project, 'search-and-compare.ts'),
    );
    await writeFile(
      join(project, 'main.ts'),
      `import { searchAndCompare } from './search-and-compare.js';
const { offers, comparison } = await searchAndCompare(process.argv[2]!, 'jobparat');
console.log(JSON.stringify({ offers: offers.map((item) => item.offer.offerId), reference: comparison.reference }));
declare const process: { argv: string[] };
`,
    );
    await run(process.execPath, [TSC, '-p', project]);
    let t: TestApp | undefined;
    try {
      t = await createTestApp();
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      const result = await run(process.execPath, [join(project, 'out', 'main.js'), baseUrl], {
        cwd: project,
      });
      expect(JSON.parse(result.stdout)).toEqual({ offers: ['T1', 'T2', 'T4'], reference: 'T1' });
      expect(result.stderr).toBe('');
    } finally {
      await t?.close();
    }
  });

  it('makes a wrong parameter type a compile error', async () => {
    await writeFile(
      join(project, 'wrong.ts'),
      `import { createEvgClient } from '@evg/client';
const evg = createEvgClient({ baseUrl: 'http://localhost:3000' });
await evg.GET('/v1/offers', { params: { query: { limit: '3', targetGroup: 'jobparat' } } });
await evg.GET('/v1/compare', { params: { query: {} } });
`,
    );
    await writeFile(
      join(project, 'tsconfig.wrong.json'),
      JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noEmit: true }, files: ['wrong.ts'] }),
    );
    const errors = await run(process.execPath, [TSC, '-p', join(project, 'tsconfig.wrong.json')]).then(
      () => 'compiled without errors',
      (error: { stdout: string }) => error.stdout,
    );
    expect(errors).toContain(
      "wrong.ts(3,50): error TS2322: Type 'string' is not assignable to type 'number'.",
    );
    expect(errors).toContain(
      "wrong.ts(3,62): error TS2322: Type 'string' is not assignable to type 'string[]'.",
    );
    expect(errors).toMatch(/wrong\.ts\(4,\d+\): error TS2741: Property 'ids' is missing/);
  });
});
