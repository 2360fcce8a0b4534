import type { CreateWorkerOptions } from "./create-worker";
import type { ProviderMode } from "./provider";
import type { RunTiming } from "./run-timing";
import type { WebhookOptions } from "./webhooks/webhook-options";

/**
 * The worker process's configuration from its environment:
 * DATABASE_URL (required), WORKER_CONCURRENCY (4), TENANTPILOT_PROVIDER (sandbox | microsoft,
 * default sandbox), TENANTPILOT_SANDBOX_SLOW_MS (sandbox only: delay every Graph response),
 * RUN_LOST_AFTER_MS (120000), HEARTBEAT_INTERVAL_MS (5000), REAPER_INTERVAL_MS,
 * RUN_RETRY_BASE_DELAY_MS, RUN_RETRY_MAX_DELAY_MS, WORKER_CRONTAB ("" disables the schedules tick and housekeeping),
 * WORKER_HEARTBEAT_INTERVAL_MS (10000: how often the process reports alive), WORKER_SHUTDOWN_GRACE_MS
 * (5000: how long running tasks may finish on stop before they end as worker_lost).
 * Webhooks (ADR 026): WEBHOOK_ALLOW_PRIVATE_NETWORKS (false: loopback and private addresses are
 * refused), WEBHOOK_RETRY_BASE_DELAY_MS (30000, doubling), WEBHOOK_RETRY_MAX_DELAY_MS (3600000),
 * WEBHOOK_TIMEOUT_MS (10000), TENANTPILOT_PUBLIC_URL (links in payloads become absolute).
 * APP_ENCRYPTION_KEY is read by packages/auth when the secret is opened.
 */
export function workerOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): CreateWorkerOptions {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is not set (start the product with `npm start`)");
  const mode = providerMode(env.TENANTPILOT_PROVIDER);
  const slowMs = integer(env, "TENANTPILOT_SANDBOX_SLOW_MS");
  const timing: Partial<RunTiming> = {};
  const timingVariables = {
    lostAfterMs: "RUN_LOST_AFTER_MS",
    heartbeatIntervalMs: "HEARTBEAT_INTERVAL_MS",
    reaperIntervalMs: "REAPER_INTERVAL_MS",
    retryBaseDelayMs: "RUN_RETRY_BASE_DELAY_MS",
    retryMaxDelayMs: "RUN_RETRY_MAX_DELAY_MS",
  } as const satisfies Record<keyof RunTiming, string>;
  for (const [key, variable] of Object.entries(timingVariables) as [keyof RunTiming, string][]) {
    const value = integer(env, variable);
    if (value !== undefined) timing[key] = value;
  }
  const concurrency = integer(env, "WORKER_CONCURRENCY");
  const workerHeartbeatIntervalMs = integer(env, "WORKER_HEARTBEAT_INTERVAL_MS");
  const shutdownGraceMs = integer(env, "WORKER_SHUTDOWN_GRACE_MS");
  return {
    webhooks: webhookOptionsFromEnv(env),
    databaseUrl,
    ...(workerHeartbeatIntervalMs === undefined ? {} : { workerHeartbeatIntervalMs }),
    ...(shutdownGraceMs === undefined ? {} : { shutdownGraceMs }),
    ...(concurrency === undefined ? {} : { concurrency }),
    provider: { mode, ...(mode === "sandbox" && slowMs !== undefined ? { sandboxSlowMs: slowMs } : {}) },
    timing,
    ...(env.WORKER_CRONTAB === undefined ? {} : { crontab: env.WORKER_CRONTAB }),
  };
}

function providerMode(value: string | undefined): ProviderMode {
  if (value === undefined || value === "" || value === "sandbox") return "sandbox";
  if (value === "microsoft") return "microsoft";
  throw new Error(`TENANTPILOT_PROVIDER must be "sandbox" or "microsoft", got "${value}"`);
}

function integer(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

function webhookOptionsFromEnv(env: NodeJS.ProcessEnv): Partial<WebhookOptions> {
  const options: Partial<WebhookOptions> = {};
  const allow = env.WEBHOOK_ALLOW_PRIVATE_NETWORKS;
  if (allow !== undefined && allow !== "") {
    if (allow !== "true" && allow !== "false") throw new Error(`WEBHOOK_ALLOW_PRIVATE_NETWORKS must be "true" or "false", got "${allow}"`);
    options.allowPrivateNetworks = allow === "true";
  }
  const numbers = { retryBaseDelayMs: "WEBHOOK_RETRY_BASE_DELAY_MS", retryMaxDelayMs: "WEBHOOK_RETRY_MAX_DELAY_MS", timeoutMs: "WEBHOOK_TIMEOUT_MS" } as const;
  for (const [key, variable] of Object.entries(numbers) as [keyof typeof numbers, string][]) {
    const value = integer(env, variable);
    if (value !== undefined) options[key] = value;
  }
  const publicUrl = env.TENANTPILOT_PUBLIC_URL;
  if (publicUrl !== undefined && publicUrl !== "") {
    if (!/^https?:\/\//.test(publicUrl)) throw new Error(`TENANTPILOT_PUBLIC_URL must be an http(s) URL, got "${publicUrl}"`);
    options.publicUrl = publicUrl;
  }
  return options;
}
