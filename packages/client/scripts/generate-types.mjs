#!/usr/bin/env node
// Writes src/generated/openapi.ts from the committed openapi/openapi.json (`npm run generate`,
// also run by the root's `npm run openapi`); `--check` only says whether the committed file is
// current (exit 1 if not), which the package's tests and CI rely on.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generatedTypes } from './generated-types.mjs';

const target = fileURLToPath(new URL('../src/generated/openapi.ts', import.meta.url));
const expected = await generatedTypes();

if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => '');
  if (committed !== expected) {
    process.stderr.write(
      'packages/client/src/generated/openapi.ts is not current: run npm run openapi (or npm run generate -w @evg/client)\n',
    );
    process.exit(1);
  }
} else {
  await mkdir(fileURLToPath(new URL('../src/generated/', import.meta.url)), { recursive: true });
  await writeFile(target, expected);
  process.stdout.write('@evg/client: wrote src/generated/openapi.ts\n');
}
