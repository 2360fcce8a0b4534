import { describe, expect, it } from "vitest";
import { resolveRunTiming, workerOptionsFromEnv } from "../src/index";

describe("workerOptionsFromEnv", () => {
  it("defaults to the sandbox, the 2-minute bound and the default crontab", () => {
    const options = workerOptionsFromEnv({ DATABASE_URL: "postgres://db/x" });
    expect(options).toEqual({ databaseUrl: "postgres://db/x", provider: { mode: "sandbox" }, timing: {}, webhooks: {} });
    expect(resolveRunTiming(options.timing)).toMatchObject({ lostAfterMs: 120_000, heartbeatIntervalMs: 5_000, reaperIntervalMs: 30_000 });
  });

  it("reads the provider, slowness, concurrency, timings and crontab", () => {
    const options = workerOptionsFromEnv({
      DATABASE_URL: "postgres://db/x",
      TENANTPILOT_PROVIDER: "sandbox",
      TENANTPILOT_SANDBOX_SLOW_MS: "3000",
      WORKER_CONCURRENCY: "2",
      RUN_LOST_AFTER_MS: "4000",
      HEARTBEAT_INTERVAL_MS: "500",
      WORKER_CRONTAB: "",
    });
    expect(options).toEqual({
      databaseUrl: "postgres://db/x",
      concurrency: 2,
      provider: { mode: "sandbox", sandboxSlowMs: 3000 },
      timing: { lostAfterMs: 4000, heartbeatIntervalMs: 500 },
      crontab: "",
      webhooks: {},
    });
    // The reaper looks at least four times per bound.
    expect(resolveRunTiming(options.timing).reaperIntervalMs).toBe(1000);
  });

  it("reads how webhooks are delivered", () => {
    const options = workerOptionsFromEnv({
      DATABASE_URL: "x",
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true",
      WEBHOOK_RETRY_BASE_DELAY_MS: "1000",
      WEBHOOK_RETRY_MAX_DELAY_MS: "60000",
      WEBHOOK_TIMEOUT_MS: "5000",
      TENANTPILOT_PUBLIC_URL: "https://tenantpilot.example.com",
    });
    expect(options.webhooks).toEqual({ allowPrivateNetworks: true, retryBaseDelayMs: 1000, retryMaxDelayMs: 60000, timeoutMs: 5000, publicUrl: "https://tenantpilot.example.com" });
    expect(() => workerOptionsFromEnv({ DATABASE_URL: "x", WEBHOOK_ALLOW_PRIVATE_NETWORKS: "yes" })).toThrow(/WEBHOOK_ALLOW_PRIVATE_NETWORKS/);
    expect(() => workerOptionsFromEnv({ DATABASE_URL: "x", TENANTPILOT_PUBLIC_URL: "ftp://x" })).toThrow(/TENANTPILOT_PUBLIC_URL/);
  });

  it("ignores sandbox slowness against Microsoft", () => {
    expect(workerOptionsFromEnv({ DATABASE_URL: "x", TENANTPILOT_PROVIDER: "microsoft", TENANTPILOT_SANDBOX_SLOW_MS: "100" }).provider).toEqual({ mode: "microsoft" });
  });

  it("refuses what it cannot honour", () => {
    expect(() => workerOptionsFromEnv({})).toThrow(/DATABASE_URL/);
    expect(() => workerOptionsFromEnv({ DATABASE_URL: "x", TENANTPILOT_PROVIDER: "azure" })).toThrow(/sandbox" or "microsoft/);
    expect(() => workerOptionsFromEnv({ DATABASE_URL: "x", RUN_LOST_AFTER_MS: "two minutes" })).toThrow(/RUN_LOST_AFTER_MS/);
    // A heartbeat slower than half the bound would get healthy runs reaped.
    expect(() => resolveRunTiming({ lostAfterMs: 1_000, heartbeatIntervalMs: 600 })).toThrow(/too slow/);
    expect(() => resolveRunTiming({ retryBaseDelayMs: 0 })).toThrow(/positive/);
  });
});
