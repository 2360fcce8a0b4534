// What other benchmarks of the product reuse (the HTTP bench drives the gate through the admin server).
export { createBenchDatabase, resetScopes, seedTenants } from "./bench-database";
export { cpuSnapshot, parentPid, postgresCpuSecondsBetween, postgresTicks, processCpuSeconds } from "./cpu-usage";
export { line, measure, percentile, summarise, type CaseSummary, type Measurement, type MeasureOptions } from "./measure";
