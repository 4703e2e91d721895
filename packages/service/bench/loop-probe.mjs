/**
 * Loaded into the soak's `evg start` (`NODE_OPTIONS=--import …/loop-probe.mjs`,
 * `SOAK_LOOP_PROBE_PATH=…`): once a second, appends one JSON line with the main thread's
 * event-loop delay over that second (max and p99, ms) and the garbage-collection pauses in it
 * (count, longest, total, ms, by kind), and the thread's time on a CPU and waiting for one
 * (Linux schedstat), so the soak can tell a stall of the server's own work from a thread that
 * waited for a CPU the writers held.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

const file = process.env.SOAK_LOOP_PROBE_PATH;
// Worker threads load it too (NODE_OPTIONS); only the thread that answers requests is probed.
if (file && isMainThread) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  let gc = { count: 0, maxMs: 0, totalMs: 0, majorMs: 0, minorMaxMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count++;
      gc.totalMs += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
      const kind = entry.detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.majorMs += entry.duration;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR)
        gc.minorMaxMs = Math.max(gc.minorMaxMs, entry.duration);
    }
  }).observe({ entryTypes: ['gc'] });
  // The main thread's id is the process id; its schedstat: ns on a CPU, ns runnable but waiting.
  const schedstat = `/proc/self/task/${process.pid}/schedstat`;
  const sched = () => {
    try {
      const [cpu, wait] = readFileSync(schedstat, 'utf8').split(' ').map(Number);
      return { cpu, wait };
    } catch {
      return null;
    }
  };
  let last = sched();
  const timer = setInterval(() => {
    const now = sched();
    const line = {
      t: Date.now(),
      loopMaxMs: delay.max / 1e6,
      loopP99Ms: delay.percentile(99) / 1e6,
      gc,
      cpuMs: now && last ? (now.cpu - last.cpu) / 1e6 : null,
      waitMs: now && last ? (now.wait - last.wait) / 1e6 : null,
    };
    last = now;
    delay.reset();
    gc = { count: 0, maxMs: 0, totalMs: 0, majorMs: 0, minorMaxMs: 0 };
    appendFileSync(file, JSON.stringify(line) + '\n');
  }, 1000);
  timer.unref();
}
