import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** What the database says about the queue and the workers, read when Prometheus scrapes. */
export interface QueueFacts {
  /** Runs queued and not yet claimed. */
  queuedRuns: number;
  /** Age of the oldest queued run, seconds (0 when none). */
  oldestQueuedSeconds: number;
  /** Longest time since a running run's last heartbeat, seconds (0 when none runs). */
  heartbeatLagSeconds: number;
  /** Since the most recent heartbeat of any worker process, seconds (null: no worker ever beat). */
  workerHeartbeatAgeSeconds: number | null;
}

/**
 * Every metric the product exports, defined once (ADR 015). Each process builds its own registry:
 * the admin app counts gate answers and HTTP requests and reads the queue facts; the worker counts
 * run endings, lost runs and Graph throttling.
 */
export interface Metrics {
  readonly registry: Registry;
  readonly gateOutcomes: Counter<"operation" | "outcome" | "reason">;
  readonly runsEnded: Counter<"operation" | "status" | "reason">;
  readonly runsLost: Counter<"operation">;
  readonly graphThrottled: Counter;
  readonly httpDuration: Histogram<"method" | "route" | "status">;
  readonly databaseUp: Gauge;
  /** Prometheus text exposition of the registry. */
  text(): Promise<string>;
  readonly contentType: string;
}

export interface MetricsOptions {
  /** Reads the queue gauges at scrape time; omitted in processes that do not report them. */
  queueFacts?: () => Promise<QueueFacts>;
  /** Node.js process metrics (CPU, memory, event loop); default true. */
  processMetrics?: boolean;
}

const prefix = "tenantpilot_";

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix });

  const databaseUp = new Gauge({
    name: `${prefix}database_up`,
    help: "1 when the last scrape could read the database, 0 when it could not",
    registers,
  });
  if (options.queueFacts) {
    const read = options.queueFacts;
    // One database read per scrape, shared by the four gauges below.
    let pending: Promise<QueueFacts | null> | null = null;
    const facts = () => {
      pending ??= read()
        .then((value) => {
          databaseUp.set(1);
          return value;
        })
        .catch(() => {
          databaseUp.set(0);
          return null;
        })
        .finally(() => setTimeout(() => (pending = null), 0));
      return pending;
    };
    const gauge = (name: string, help: string, pick: (value: QueueFacts) => number | null) =>
      new Gauge({
        name: `${prefix}${name}`,
        help,
        registers,
        async collect() {
          const value = await facts();
          const picked = value === null ? null : pick(value);
          if (picked === null) this.reset();
          else this.set(picked);
        },
      });
    gauge("queue_depth", "Runs queued and not yet claimed by a worker", (f) => f.queuedRuns);
    gauge("queue_oldest_age_seconds", "Age of the oldest queued run", (f) => f.oldestQueuedSeconds);
    gauge("heartbeat_lag_seconds", "Longest silence of a running run's heartbeat", (f) => f.heartbeatLagSeconds);
    gauge("worker_heartbeat_age_seconds", "Time since any worker process last reported alive", (f) => f.workerHeartbeatAgeSeconds);
  }

  return {
    registry,
    gateOutcomes: new Counter({
      name: `${prefix}gate_outcomes_total`,
      help: "Start answers of the dispatch gate by operation, outcome and (blocked) reason",
      labelNames: ["operation", "outcome", "reason"],
      registers,
    }),
    runsEnded: new Counter({
      name: `${prefix}runs_ended_total`,
      help: "Runs that reached a terminal status, by operation, status and reason",
      labelNames: ["operation", "status", "reason"],
      registers,
    }),
    runsLost: new Counter({
      name: `${prefix}runs_worker_lost_total`,
      help: "Runs failed as worker_lost (reaped, or ended by a shutting-down worker)",
      labelNames: ["operation"],
      registers,
    }),
    graphThrottled: new Counter({
      name: `${prefix}graph_throttled_responses_total`,
      help: "HTTP 429 responses from Microsoft Graph or Entra",
      registers,
    }),
    httpDuration: new Histogram({
      name: `${prefix}http_request_duration_seconds`,
      help: "Admin HTTP request latency by method, route (API procedure or page kind) and status",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    databaseUp,
    text: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
