// Entry of a refresh worker thread. Sources are TypeScript, and a worker inherits neither the
// parent's tsx loader nor `--import` from execArgv, so it registers tsx itself first.
import { register } from 'tsx/esm/api';

register();
await import('./range-worker.ts');
