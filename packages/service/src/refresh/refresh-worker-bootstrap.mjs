// Entry of a server's refresh worker thread when the service runs from its TypeScript sources:
// a worker inherits neither tsx nor the "@evg/source" resolution hook, so it registers them
// first. Compiled code starts refresh-worker.js directly (refresh-in-worker.ts).
import '../dev/register-sources.mjs';

await import('./refresh-worker.ts');
