// Priorities are a process's (and, on Linux, a thread's) for good: each case runs in a child
// process, which reports the nice value of every one of its threads from /proc.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const MODULE = new URL('../../src/threads/cpu-priority.ts', import.meta.url).href;

/** Runs `body` in a child (tsx, ESM) after `const { lowerCpuPriority, lowerThreadPriority } = …`; returns its stdout as JSON. */
async function inChild(body: string): Promise<unknown> {
  const script = `
    import { readdirSync, readFileSync } from 'node:fs';
    import { setPriority } from 'node:os';
    import { Worker } from 'node:worker_threads';
    const { lowerCpuPriority, lowerThreadPriority } = await import(${JSON.stringify(MODULE)});
    const niceOf = (tid) => {
      const stat = readFileSync('/proc/self/task/' + tid + '/stat', 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    };
    const threads = () => readdirSync('/proc/self/task').map((tid) => ({ tid: Number(tid), nice: niceOf(tid) }));
    // A worker (an ES module, as the child's input) that runs \`code\` and then calls ready().
    const startWorker = (code) => new Promise((resolve) => {
      const ready = 'import { parentPort } from "node:worker_threads"; const ready = () => parentPort.postMessage(1);';
      const worker = new Worker(ready + code, { eval: true });
      worker.once('message', () => resolve(worker));
    });
    ${body}
  `;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { encoding: 'utf8' },
  );
  return JSON.parse(stdout);
}

describe.skipIf(process.platform !== 'linux')('lowerCpuPriority (a batch command gives way)', () => {
  it('lowers every thread, those that exist and a worker started afterwards', async () => {
    const result = await inChild(`
      lowerCpuPriority(7);
      const worker = await startWorker('ready()');
      console.log(JSON.stringify({ nices: [...new Set(threads().map((t) => t.nice))], main: niceOf(process.pid) }));
      await worker.terminate();
    `);
    expect(result).toEqual({ nices: [7], main: 7 });
  });

  it('never raises a priority, and 0 leaves it as it is', async () => {
    const result = await inChild(`
      for (const { tid } of threads()) setPriority(tid, 12);
      lowerCpuPriority(7);
      const after7 = niceOf(process.pid);
      lowerCpuPriority(0);
      console.log(JSON.stringify({ after7, after0: niceOf(process.pid) }));
    `);
    expect(result).toEqual({ after7: 12, after0: 12 });
  });
});

describe.skipIf(process.platform !== 'linux')('lowerThreadPriority (a server worker gives way)', () => {
  it('lowers the calling worker thread only, not the event loop', async () => {
    const result = await inChild(`
      const before = new Set(threads().map((t) => t.tid));
      const worker = await startWorker(
        // A worker inherits no loader hooks: it loads the TypeScript module through tsx's API.
        'const { tsImport } = await import("tsx/esm/api");' +
          'const m = await tsImport(${JSON.stringify(MODULE)}, ${JSON.stringify(MODULE)});' +
          'm.lowerThreadPriority(9); ready();',
      );
      const added = threads().filter((t) => !before.has(t.tid));
      console.log(JSON.stringify({ main: niceOf(process.pid), lowered: added.filter((t) => t.nice === 9).length }));
      await worker.terminate();
    `);
    expect(result).toEqual({ main: 0, lowered: 1 });
  });
});
