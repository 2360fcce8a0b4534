export { createLogger, logFormatFromEnv, redactedPaths, type LogFormat, type Logger, type LoggerOptions, type Service } from "./logger";
export { createMetrics, type Metrics, type MetricsOptions, type QueueFacts } from "./metrics";
export { gateLog, gateMetrics } from "./gate-observers";
