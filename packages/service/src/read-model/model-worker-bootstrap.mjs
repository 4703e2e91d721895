// Entry of the read-model worker thread when the service runs from its TypeScript sources: a
// worker inherits neither tsx nor the "@evg/source" resolution hook, so it registers them first.
// Compiled code starts model-worker.js directly (worker-model-host.ts).
import '../dev/register-sources.mjs';

await import('./model-worker.ts');
