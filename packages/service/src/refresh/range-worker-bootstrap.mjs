// Entry of a refresh worker thread when the service runs from its TypeScript sources: a worker
// inherits neither tsx nor the "@evg/source" resolution hook, so it registers them first.
// Compiled code starts range-worker.js directly (accumulate-parallel.ts).
import '../dev/register-sources.mjs';

await import('./range-worker.ts');
