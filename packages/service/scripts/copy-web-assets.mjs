// Part of `npm run build`: copies the web client's static files (served as they are, no build)
// next to the compiled service, where plugins/external/static.js looks for them.
import { cpSync, rmSync } from 'node:fs';

const from = new URL('../src/web/static/', import.meta.url);
const to = new URL('../../../dist/packages/service/src/web/static/', import.meta.url);
rmSync(to, { recursive: true, force: true });
cpSync(from, to, { recursive: true });
