/**
 * Who used the machine's CPUs during the soak (Linux /proc): the server (`evg start`, all its
 * threads), PostgreSQL (every backend, also those that ended, through the postmaster's reaped
 * children), the writers (`evg import`/`evg refresh`: children of this process that ended,
 * reaped into its own child time), this process (the load client) and the rest of the machine.
 */
import { readdir, readFile } from 'node:fs/promises';

/** Clock ticks per second of /proc's times (USER_HZ, 100 on Linux everywhere). */
const TICKS = 100;

export interface CpuSnapshot {
  machineBusy: number;
  server: number;
  postgres: number;
  writers: number;
  loadClient: number;
}

export type CpuShares = Record<keyof CpuSnapshot | 'other', number> & { cores: number; seconds: number };

/** A process's parent and its utime, stime, cutime, cstime in seconds (/proc/PID/stat fields 4, 14–17). */
async function procStat(
  pid: number | 'self',
): Promise<{ parent: number; times: [number, number, number, number] } | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return null;
  // The command name may contain spaces; fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const at = (field: number) => Number(fields[field - 3]);
  return { parent: at(4), times: [at(14) / TICKS, at(15) / TICKS, at(16) / TICKS, at(17) / TICKS] };
}

async function postgresSeconds(): Promise<number> {
  let total = 0;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const comm = await readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '');
    if (comm.trim() !== 'postgres') continue;
    const stat = await procStat(Number(entry));
    if (!stat) continue;
    const [user, system, childUser, childSystem] = stat.times;
    const parentComm = await readFile(`/proc/${stat.parent}/comm`, 'utf8').catch(() => '');
    // The postmaster counts its ended backends too; a live backend counts its own time.
    total += parentComm.trim() === 'postgres' ? user + system : user + system + childUser + childSystem;
  }
  return total;
}

async function machineBusySeconds(): Promise<number> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0]!;
  const [user, nice, system, , , irq, softirq, steal] = line.split(/\s+/).slice(1).map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / TICKS;
}

/** @example const before = await cpuSnapshot(server.pid); … cpuShares(before, await cpuSnapshot(server.pid), seconds, 2) */
export async function cpuSnapshot(serverPid: number): Promise<CpuSnapshot> {
  const server = (await procStat(serverPid))?.times;
  const self = (await procStat('self'))?.times;
  const own = process.cpuUsage();
  return {
    machineBusy: await machineBusySeconds(),
    server: server ? server[0] + server[1] : NaN,
    postgres: await postgresSeconds(),
    writers: self ? self[2] + self[3] : NaN,
    loadClient: (own.user + own.system) / 1e6,
  };
}

/** CPU seconds of each party between two snapshots; `other` is what the machine did besides. */
export function cpuShares(
  before: CpuSnapshot,
  after: CpuSnapshot,
  seconds: number,
  cores: number,
): CpuShares {
  const d = (key: keyof CpuSnapshot) => after[key] - before[key];
  const parties = d('server') + d('postgres') + d('writers') + d('loadClient');
  return {
    cores,
    seconds,
    machineBusy: d('machineBusy'),
    server: d('server'),
    postgres: d('postgres'),
    writers: d('writers'),
    loadClient: d('loadClient'),
    other: Math.max(0, d('machineBusy') - parties),
  };
}

/** One line: each party's CPU seconds and its share of the machine's capacity. */
export function describeCpu(shares: CpuShares): string {
  const capacity = shares.cores * shares.seconds;
  const part = (name: string, value: number) =>
    `${name} ${value.toFixed(0)} s (${((value / capacity) * 100).toFixed(0)}%)`;
  return (
    `CPU over ${shares.seconds.toFixed(0)} s on ${shares.cores} cores: ` +
    [
      part('server', shares.server),
      part('PostgreSQL', shares.postgres),
      part('writers (evg import/refresh)', shares.writers),
      part('load client', shares.loadClient),
      part('other', shares.other),
      part('machine busy', shares.machineBusy),
    ].join(', ')
  );
}
