import { performance } from "node:perf_hooks";
import { cpuSnapshot } from "./cpu-usage";

export interface Measurement {
  ops: number;
  seconds: number;
  perSecond: number;
  /** Per-call latencies in ms, sorted. */
  latencies: number[];
  /** CPU seconds per call: this node process, and all PostgreSQL processes (backends exit-safe). */
  nodeCpuMsPerOp: number;
  postgresCpuMsPerOp: number;
}

/** Runs `total` calls of `op` with `concurrency` of them in flight at any time. */
export async function measure(concurrency: number, total: number, op: (i: number) => Promise<unknown>): Promise<Measurement> {
  const latencies: number[] = [];
  let next = 0;
  const cpuBefore = cpuSnapshot();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t0 = performance.now();
        await op(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = cpuSnapshot();
  latencies.sort((a, b) => a - b);
  return {
    ops: total,
    seconds,
    perSecond: total / seconds,
    latencies,
    nodeCpuMsPerOp: ((cpuAfter.node - cpuBefore.node) * 1000) / total,
    postgresCpuMsPerOp: ((cpuAfter.postgres - cpuBefore.postgres) * 1000) / total,
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
    `cpu_ms_per_op(node=${s.nodeCpuMsPerOp.toFixed(2)} postgres=${s.postgresCpuMsPerOp.toFixed(2)})`
  );
}
