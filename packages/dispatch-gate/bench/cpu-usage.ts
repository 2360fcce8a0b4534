import { readdirSync, readFileSync } from "node:fs";

// Linux clock ticks per second (USER_HZ); 100 on every mainstream kernel build.
const TICKS_PER_SECOND = 100;

/** CPU seconds used so far by this node process and by all PostgreSQL processes on the machine (Linux /proc). */
export function cpuSnapshot(): { node: number; postgres: number } {
  const self = process.cpuUsage();
  const perProcess = postgresTicks();
  let ticks = 0;
  for (const used of perProcess.values()) ticks += used;
  return { node: (self.user + self.system) / 1e6, postgres: perProcess.size === 0 ? Number.NaN : ticks / TICKS_PER_SECOND };
}

/**
 * Clock ticks (utime + stime) per PostgreSQL process alive now: the cluster whose postmaster is
 * `postmasterPid` (itself and its children), or every postgres process on the machine when it is
 * not given. Empty when /proc cannot be read.
 */
export function postgresTicks(postmasterPid?: number): Map<number, number> {
  const ticks = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return ticks; // not Linux: reported as NaN, the throughput figures stand alone
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat?.comm !== "postgres") continue;
    if (postmasterPid === undefined || stat.pid === postmasterPid || stat.ppid === postmasterPid) ticks.set(stat.pid, stat.ticks);
  }
  return ticks;
}

/**
 * PostgreSQL CPU seconds between two postgresTicks snapshots, process by process: a backend that
 * started meanwhile counts from zero, one that exited (an idle pooled connection closing, another
 * cluster's backend) drops out instead of taking its whole past with it. NaN when /proc is not readable.
 */
export function postgresCpuSecondsBetween(before: Map<number, number>, after: Map<number, number>): number {
  if (after.size === 0) return Number.NaN;
  let ticks = 0;
  for (const [pid, now] of after) ticks += now - (before.get(pid) ?? 0);
  return ticks / TICKS_PER_SECOND;
}

/** CPU seconds used so far by another process (a server the benchmark started); NaN when unreadable. */
export function processCpuSeconds(pid: number): number {
  const stat = readStat(String(pid));
  return stat === null ? Number.NaN : stat.ticks / TICKS_PER_SECOND;
}

/** The parent process of `pid` (a PostgreSQL backend's parent is its postmaster); NaN when unreadable. */
export function parentPid(pid: number): number {
  return readStat(String(pid))?.ppid ?? Number.NaN;
}

/** utime + stime of /proc/<pid>/stat, with the command name and parent; null when the process is gone. */
function readStat(pid: string): { pid: number; comm: string; ppid: number; ticks: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = stat.lastIndexOf(")");
    const fields = stat.slice(close + 2).split(" ");
    // fields[1] = ppid; fields[11], [12] = utime, stime (fields 4, 14 and 15 of proc(5), counted after the comm)
    return {
      pid: Number(pid),
      comm: stat.slice(stat.indexOf("(") + 1, close),
      ppid: Number(fields[1]),
      ticks: Number(fields[11]) + Number(fields[12]),
    };
  } catch {
    return null; // the process exited between readdir and read, or this is not Linux
  }
}
