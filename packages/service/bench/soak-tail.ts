/**
 * Where the soak's slow responses come from: each response over the p99 target is set beside
 * what ran at that moment — a stall of the server's main thread (from `loop-probe.mjs`), its
 * own work or a wait for a CPU,
 * the seconds after a refresh (the server swaps in a new read model, its caches start cold),
 * a refresh or an import running (CPU and PostgreSQL shared with the writers) — and the
 * phases' shares of the run say how many slow responses each would have by chance.
 */
import { readFile } from 'node:fs/promises';

/** [start, end] epoch ms of each writer run. */
export interface WriterSpans {
  import: [number, number][];
  refresh: [number, number][];
}

/** One second of the server's main thread, as `loop-probe.mjs` writes it. */
interface ProbeSecond {
  t: number;
  loopMaxMs: number;
  loopP99Ms: number;
  gc: { count: number; maxMs: number; totalMs: number; majorMs: number; minorMaxMs: number };
  /** The main thread's time on a CPU and runnable but waiting for one in that second (null off Linux). */
  cpuMs: number | null;
  waitMs: number | null;
}

/** A second whose longest event-loop delay is at least this is counted as a stall. */
const STALL_MS = 25;
/** After a refresh ends, the server picks the new version up within a poll (1 s) and swaps. */
const SWAP_WINDOW_MS = 3000;

const PHASES = ['serverWork', 'cpuWait', 'afterRefresh', 'duringRefresh', 'duringImport', 'other'] as const;
type Phase = (typeof PHASES)[number];

export interface TailCauses {
  slowResponses: number;
  /** Slow responses by the first phase that applies, in PHASES order. */
  byPhase: Record<Phase, number>;
  /** Share of the measured time in each phase (the same precedence). */
  timeShare: Record<Phase, number>;
  byKind: Record<string, Record<Phase, number>>;
  server: {
    seconds: number;
    loopMaxMs: number;
    /** p99 over the seconds of each second's longest delay. */
    loopMaxP99Ms: number;
    stallSeconds: number;
    /** Of those, the seconds in which the main thread waited for a CPU at least as long as its longest delay. */
    cpuWaitStallSeconds: number;
    /** The main thread's time on a CPU and waiting for one, ms a second on average. */
    cpuMsPerSecond: number | null;
    waitMsPerSecond: number | null;
    gcMaxPauseMs: number;
    gcMinorMaxPauseMs: number;
    gcMajorMsPerMinute: number;
  } | null;
}

const inside = (at: number, spans: readonly [number, number][], after = 0) =>
  spans.some(([start, end]) => at >= start && at <= end + after);

/**
 * @example
 *   const tail = await tailCauses(slow, spans, probeFile, from, to);
 *   tail.byPhase.afterRefresh // slow responses that ended within 3 s of a refresh's end
 */
export async function tailCauses(
  slow: readonly { at: number; ms: number; kind: string }[],
  spans: WriterSpans,
  probeFile: string,
  from: number,
  to: number,
): Promise<TailCauses> {
  const seconds = await readProbe(probeFile, from, to);
  const stalls = seconds.filter((s) => s.loopMaxMs >= STALL_MS);
  const swaps = spans.refresh.map(([, end]): [number, number] => [end, end]);
  const phaseOf = (at: number, ms: number): Phase => {
    // A probe line covers the second before its t; the response's own span is [at - ms, at].
    const stall = stalls.find((s) => s.t > at - ms && s.t - 1000 < at);
    if (stall) return waitedForCpu(stall) ? 'cpuWait' : 'serverWork';
    if (inside(at, swaps, SWAP_WINDOW_MS)) return 'afterRefresh';
    if (inside(at, spans.refresh)) return 'duringRefresh';
    if (inside(at, spans.import)) return 'duringImport';
    return 'other';
  };
  const zero = (): Record<Phase, number> => ({
    serverWork: 0,
    cpuWait: 0,
    afterRefresh: 0,
    duringRefresh: 0,
    duringImport: 0,
    other: 0,
  });
  const byPhase = zero();
  const byKind: Record<string, Record<Phase, number>> = {};
  for (const response of slow) {
    if (response.at < from || response.at > to) continue;
    const phase = phaseOf(response.at, response.ms);
    byPhase[phase]++;
    (byKind[response.kind] ??= zero())[phase]++;
  }
  // The time shares, sampled every 100 ms with the same precedence (a stall second counts whole).
  const timeShare = zero();
  let samples = 0;
  for (let at = from; at <= to; at += 100, samples++) timeShare[phaseOf(at, 0)]++;
  for (const phase of PHASES) timeShare[phase] = samples > 0 ? timeShare[phase] / samples : 0;

  const slowResponses = Object.values(byPhase).reduce((a, b) => a + b, 0);
  return { slowResponses, byPhase, timeShare, byKind, server: serverFigures(seconds) };
}

/** Whether the thread's wait for a CPU in that second would explain its longest delay. */
const waitedForCpu = (s: ProbeSecond) => s.waitMs !== null && s.waitMs >= s.loopMaxMs;

async function readProbe(file: string, from: number, to: number): Promise<ProbeSecond[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line): ProbeSecond => JSON.parse(line))
    .filter((s) => s.t >= from && s.t <= to + 1000);
}

function serverFigures(seconds: readonly ProbeSecond[]): TailCauses['server'] {
  if (seconds.length === 0) return null;
  const maxima = seconds.map((s) => s.loopMaxMs).sort((a, b) => a - b);
  return {
    seconds: seconds.length,
    loopMaxMs: maxima.at(-1)!,
    loopMaxP99Ms: maxima[Math.min(maxima.length - 1, Math.floor(maxima.length * 0.99))]!,
    stallSeconds: maxima.filter((ms) => ms >= STALL_MS).length,
    cpuWaitStallSeconds: seconds.filter((s) => s.loopMaxMs >= STALL_MS && waitedForCpu(s)).length,
    cpuMsPerSecond: average(seconds.map((s) => s.cpuMs)),
    waitMsPerSecond: average(seconds.map((s) => s.waitMs)),
    gcMaxPauseMs: Math.max(...seconds.map((s) => s.gc.maxMs)),
    gcMinorMaxPauseMs: Math.max(...seconds.map((s) => s.gc.minorMaxMs ?? 0)),
    gcMajorMsPerMinute: (seconds.reduce((sum, s) => sum + s.gc.majorMs, 0) / seconds.length) * 60,
  };
}

function average(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : null;
}

/** The tail in a few lines for the soak's printout. */
export function describeTail(tail: TailCauses): string {
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
  const lines = [
    `responses over 50 ms: ${tail.slowResponses}; by what ran then (share of slow responses / share of the time):`,
    ...PHASES.map(
      (phase) =>
        `  ${phase}: ${tail.byPhase[phase]} (${pct(tail.slowResponses ? tail.byPhase[phase] / tail.slowResponses : 0)} / ${pct(tail.timeShare[phase])})`,
    ),
  ];
  const s = tail.server;
  lines.push(
    s
      ? `server main thread: longest event-loop delay ${s.loopMaxMs.toFixed(1)} ms, p99 of per-second maxima ${s.loopMaxP99Ms.toFixed(1)} ms, ` +
          `${s.stallSeconds} of ${s.seconds} s with a delay >= ${STALL_MS} ms (${s.cpuWaitStallSeconds} of them waiting for a CPU at least as long); ` +
          `on a CPU ${s.cpuMsPerSecond?.toFixed(0) ?? '?'} ms/s, runnable but waiting ${s.waitMsPerSecond?.toFixed(0) ?? '?'} ms/s; longest GC pause ${s.gcMaxPauseMs.toFixed(1)} ms (scavenge ${s.gcMinorMaxPauseMs.toFixed(1)} ms), ` +
          `major GC ${s.gcMajorMsPerMinute.toFixed(0)} ms a minute`
      : 'server main thread: no probe data',
  );
  return lines.join('\n');
}
