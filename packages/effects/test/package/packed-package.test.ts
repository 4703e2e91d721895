// The library as a newcomer gets it: `npm pack`, installed into an empty Node project made by
// `npm init -y`, the README's example type-checked under moduleResolution nodenext and run
// with `node` alone, printing what the README says it prints.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const REPO = fileURLToPath(new URL('../../../..', import.meta.url));
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

/** The first ```ts block after "## Example" in the README and the ```text block after it. */
async function readmeExample(): Promise<{ code: string; output: string }> {
  const readme = await readFile(join(PACKAGE_DIR, 'README.md'), 'utf8');
  const match = /## Example\n[\s\S]*?```ts\n([\s\S]*?)```\n[\s\S]*?```text\n([\s\S]*?)```/.exec(readme);
  if (!match) throw new Error('README.md has no ## Example with a ts block and a text block');
  return { code: match[1]!, output: match[2]! };
}

let project: string;
let tarball: string;

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'evg-effects-consumer-'));
  const { version } = JSON.parse(await readFile(join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
    version: string;
  };
  // prepack builds dist/ first.
  await run('npm', ['pack', '--pack-destination', project], { cwd: PACKAGE_DIR });
  tarball = join(project, `evg-effects-${version}.tgz`);
  await run('npm', ['init', '-y'], { cwd: project });
  // date-fns and zod come from the npm cache the repository's own install filled.
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: project });
  await writeFile(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        strict: true,
        // Check the package's own declarations too, as a strict consumer would.
        skipLibCheck: false,
        outDir: 'out',
        types: ['node'],
        typeRoots: [join(REPO, 'node_modules', '@types')],
      },
      files: ['example.ts'],
    }),
  );
}, 600_000);

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

// Building, packing and a strict type check of zod's declarations take a while on a busy machine.
describe('the packed @evg/effects', { timeout: 300_000 }, () => {
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
      ]),
    );
    expect(files.filter((file) => /test|\.tsbuildinfo/.test(file))).toEqual([]);
    const manifest = JSON.parse(
      await readFile(join(project, 'node_modules', '@evg', 'effects', 'package.json'), 'utf8'),
    ) as { private?: boolean; license: string };
    expect(manifest.private).toBeUndefined();
    expect(manifest.license).toBe('MIT');
  });

  it('runs the README example with node alone and type-checks it under nodenext', async () => {
    const { code, output } = await readmeExample();
    await writeFile(join(project, 'example.ts'), code);
    await run(process.execPath, [TSC, '-p', project]);
    const result = await run(process.execPath, [join(project, 'out', 'example.js')], { cwd: project });
    expect(result.stdout).toBe(output);
    expect(result.stderr).toBe('');
  });

  it('is an ES module a plain .mjs script imports', async () => {
    const script = `import { computeEffects, DEFAULT_MEASURES } from '@evg/effects';
console.log(typeof computeEffects, DEFAULT_MEASURES.map((m) => m.key).join(','));`;
    await writeFile(join(project, 'check.mjs'), script);
    const { stdout } = await run(process.execPath, ['check.mjs'], { cwd: project });
    expect(stdout).toBe('function effect3m,effect7m,status1m,status3m\n');
  });

  it('gives a TypeScript consumer the types: a wrong field is a compile error', async () => {
    await writeFile(
      join(project, 'wrong.ts'),
      `import { computeEffects } from '@evg/effects';\ncomputeEffects({ asOf: 20261031, catalog: { offers: [] } }, []);\n`,
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
      "wrong.ts(2,18): error TS2322: Type 'number' is not assignable to type 'string'.",
    );
    expect(errors).toContain("missing the following properties from type 'Catalog': benefitTypes, providers");
  });
});
