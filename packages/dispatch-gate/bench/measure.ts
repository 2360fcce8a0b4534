import { performance } from "node:perf_hooks";
import { postgresCpuSecondsBetween, postgresTicks } from "./cpu-usage";

export interface Measurement {
  ops: number;
  seconds: number;
  perSecond: number;
  /** Per-call latencies in ms, sorted. */
  latencies: number[];
  /** CPU per call: this node process, and PostgreSQL (see MeasureOptions.postmasterPid; backends exit-safe). */
  nodeCpuMsPerOp: number;
  postgresCpuMsPerOp: number;
  /** CPU per call of the server process the calls went to (NaN when there is none, in-process calls). */
  serverCpuMsPerOp: number;
}

export interface MeasureOptions {
  /** Count only this PostgreSQL cluster's processes (see postgresTicks); default every postgres process. */
  postmasterPid?: number;
  /** CPU seconds used so far by a server process the calls go to (processCpuSeconds). */
  serverCpuSeconds?: () => number;
}

/**
 * Runs `total` calls of `op` with `concurrency` of them in flight at any time. Each of the
 * `concurrency` callers calls in sequence and passes its own number (0 … concurrency-1) as
 * `caller`, so a caller can stand for one operator with one session.
 */
export async function measure(
  concurrency: number,
  total: number,
  op: (i: number, caller: number) => Promise<unknown>,
  options: MeasureOptions = {},
): Promise<Measurement> {
  const latencies: number[] = [];
  let next = 0;
  const serverCpu = options.serverCpuSeconds ?? (() => Number.NaN);
  const nodeBefore = process.cpuUsage();
  const postgresBefore = postgresTicks(options.postmasterPid);
  const serverBefore = serverCpu();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, caller) => {
      for (let i = next++; i < total; i = next++) {
        const t0 = performance.now();
        await op(i, caller);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const nodeUsed = process.cpuUsage(nodeBefore);
  const postgresAfter = postgresTicks(options.postmasterPid);
  const serverAfter = serverCpu();
  latencies.sort((a, b) => a - b);
  return {
    ops: total,
    seconds,
    perSecond: total / seconds,
    latencies,
    nodeCpuMsPerOp: (nodeUsed.user + nodeUsed.system) / 1000 / total,
    postgresCpuMsPerOp: (postgresCpuSecondsBetween(postgresBefore, postgresAfter) * 1000) / total,
    serverCpuMsPerOp: ((serverAfter - serverBefore) * 1000) / total,
  };
}

export function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/**
 * Several rounds of one case, summarised by the MEDIAN round throughput (robust to a noisy
 * neighbour slowing one round) and percentiles over all calls of all rounds.
 */
export interface CaseSummary {
  rounds: number;
  ops: number;
  perSecond: number;
  minPerSecond: number;
  maxPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  nodeCpuMsPerOp: number;
  postgresCpuMsPerOp: number;
  serverCpuMsPerOp: number;
}

export function summarise(rounds: readonly Measurement[]): CaseSummary {
  const rates = rounds.map((r) => r.perSecond).sort((a, b) => a - b);
  const all = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  return {
    rounds: rounds.length,
    ops: rounds.reduce((sum, r) => sum + r.ops, 0),
    perSecond: rates[Math.floor(rates.length / 2)] ?? 0,
    minPerSecond: rates[0] ?? 0,
    maxPerSecond: rates[rates.length - 1] ?? 0,
    p50Ms: percentile(all, 0.5),
    p99Ms: percentile(all, 0.99),
    nodeCpuMsPerOp: median(rounds.map((r) => r.nodeCpuMsPerOp)),
    postgresCpuMsPerOp: median(rounds.map((r) => r.postgresCpuMsPerOp)),
    serverCpuMsPerOp: median(rounds.map((r) => r.serverCpuMsPerOp)),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export function line(name: string, concurrency: number, s: CaseSummary): string {
  return (
    `case=${name} concurrency=${concurrency} rounds=${s.rounds} ops=${s.ops} per_s=${s.perSecond.toFixed(0)} ` +
    `(min ${s.minPerSecond.toFixed(0)}, max ${s.maxPerSecond.toFixed(0)}) p50_ms=${s.p50Ms.toFixed(2)} p99_ms=${s.p99Ms.toFixed(2)} ` +
    `cpu_ms_per_op(node=${s.nodeCpuMsPerOp.toFixed(2)}` +
    (Number.isNaN(s.serverCpuMsPerOp) ? "" : ` server=${s.serverCpuMsPerOp.toFixed(2)}`) +
    ` postgres=${s.postgresCpuMsPerOp.toFixed(2)})`
  );
}
