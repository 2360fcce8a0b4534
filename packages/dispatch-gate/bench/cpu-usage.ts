import { readdirSync, readFileSync } from "node:fs";

// Linux clock ticks per second (USER_HZ); 100 on every mainstream kernel build.
const TICKS_PER_SECOND = 100;

/** CPU seconds used so far by this node process and by all PostgreSQL processes (Linux /proc). */
export function cpuSnapshot(): { node: number; postgres: number } {
  const self = process.cpuUsage();
  return { node: (self.user + self.system) / 1e6, postgres: postgresCpuSeconds() };
}

function postgresCpuSeconds(): number {
  let ticks = 0;
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return Number.NaN; // not Linux: reported as NaN, the throughput figures stand alone
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      if (comm !== "postgres") continue;
      const fields = stat.slice(close + 2).split(" ");
      // fields[11], [12] = utime, stime (fields 14 and 15 of proc(5), counted after the comm)
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process exited between readdir and read
    }
  }
  return ticks / TICKS_PER_SECOND;
}
