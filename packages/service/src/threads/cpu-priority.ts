import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * Lowers this process's CPU priority to the Unix nice value `nice` (EVG_BATCH_NICE), so that
 * imports and refreshes give way to an API serving on the same machine, and run at full speed
 * when it is idle. Never raises a priority (that needs privileges), and a system that refuses
 * leaves it as it was: the work is the same, only its turn on the CPU changes.
 *
 * On Linux a priority belongs to a thread: the threads that exist already (V8's garbage
 * collector helpers, libuv's pool) are lowered one by one; threads started later (refresh and
 * shard workers) inherit it from the thread that starts them.
 *
 * @example
 *   lowerCpuPriority(config.batchNice); // nice 10 by default; 0 leaves the priority alone
 */
export function lowerCpuPriority(nice: number): void {
  if (nice <= 0 || currentNice() >= nice) return;
  const threads = threadIds();
  for (const thread of threads.length > 0 ? threads : [0]) {
    try {
      setPriority(thread, nice);
    } catch {
      // A thread that ended meanwhile, or a system that does not allow it: nothing to undo.
    }
  }
}

function currentNice(): number {
  try {
    return getPriority();
  } catch {
    return 0;
  }
}

/** This process's thread ids (Linux); empty where /proc has none. */
function threadIds(): number[] {
  try {
    return readdirSync('/proc/self/task').map(Number);
  } catch {
    return [];
  }
}

/**
 * Lowers the priority of the calling thread alone (a worker thread doing background work for a
 * server whose event loop must come first). Only on Linux, where a priority is a thread's:
 * elsewhere it would lower the whole process, so nothing changes there.
 *
 * @example
 *   lowerThreadPriority(5); // in a worker thread: its own work waits for the event loop's
 */
export function lowerThreadPriority(nice: number): void {
  if (process.platform !== 'linux' || nice <= 0 || currentNice() >= nice) return;
  try {
    setPriority(nice);
  } catch {
    // Not allowed here: the thread keeps its priority.
  }
}
