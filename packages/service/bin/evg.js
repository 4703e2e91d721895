#!/usr/bin/env node
// The one entry point of the `evg` command. In a development checkout (sources and tsx
// installed) it runs the TypeScript sources through tsx, so `npx evg` works straight after
// `npm ci` and always runs what is in src/. Without tsx (the Docker image, an install without
// dev dependencies) it runs the compiled JavaScript of `npm run build`.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli/main.ts', import.meta.url);
const compiled = new URL('../../../dist/packages/service/src/cli/main.js', import.meta.url);

function hasTsx() {
  try {
    import.meta.resolve('tsx/esm/api');
    return true;
  } catch {
    return false;
  }
}

if (existsSync(source) && hasTsx()) {
  await import('../src/dev/register-sources.mjs');
  await import(source.href);
} else if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  process.stderr.write('evg: the service is not built (run `npm run build`) and tsx is not installed\n');
  process.exitCode = 1;
}
