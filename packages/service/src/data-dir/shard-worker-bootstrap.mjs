// Entry of an `evg effects` shard worker when the service runs from its TypeScript sources: a
// worker inherits neither tsx nor the "@evg/source" resolution hook, so it registers them
// first. Compiled code starts shard-worker.js directly (compute-on-columns.ts).
import '../dev/register-sources.mjs';

await import('./shard-worker.ts');
