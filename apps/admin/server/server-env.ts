import { defaultRateLimitPolicy, type RateLimitPolicy } from "@tenantpilot/api";
import type { AdminServerOptions } from "./app";

export interface AdminProcessConfig {
  databaseUrl: string;
  port: number;
  app: Omit<AdminServerOptions, "prisma" | "logger" | "metrics">;
}

/**
 * The admin process's configuration from its environment (README, Configuration): DATABASE_URL
 * (required), PORT, ALLOWED_ORIGINS, TRUST_PROXY, TENANTPILOT_PROVIDER, METRICS_TOKEN,
 * RATE_LIMIT_MUTATIONS_PER_MINUTE, RATE_LIMIT_TOKEN_CALLS_PER_MINUTE. Throws with a sentence
 * naming the variable when one is wrong.
 */
export function serverOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): AdminProcessConfig {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is not set (start the product with `npm start`)");
  // Behind a reverse proxy the browser's origin is not the Host this process sees: name it.
  const allowedOrigins = (env.ALLOWED_ORIGINS ?? "").split(",").map((origin) => origin.trim()).filter(Boolean);
  const trustProxy = env.TRUST_PROXY;
  // The same switch as the worker's: in sandbox mode the consent link leads to the simulated prompt.
  const provider = env.TENANTPILOT_PROVIDER;
  if (provider !== undefined && provider !== "" && provider !== "sandbox" && provider !== "microsoft") {
    throw new Error(`TENANTPILOT_PROVIDER must be "sandbox" or "microsoft", got "${provider}"`);
  }
  const rateLimits: RateLimitPolicy = {
    mutationsPerMinute: positive(env, "RATE_LIMIT_MUTATIONS_PER_MINUTE") ?? defaultRateLimitPolicy.mutationsPerMinute,
    tokenCallsPerMinute: positive(env, "RATE_LIMIT_TOKEN_CALLS_PER_MINUTE") ?? defaultRateLimitPolicy.tokenCallsPerMinute,
  };
  return {
    databaseUrl,
    port: positive(env, "PORT") ?? 3000,
    app: {
      providerMode: provider === "microsoft" ? "microsoft" : "sandbox",
      ...(allowedOrigins.length > 0 ? { allowedOrigins } : {}),
      ...(trustProxy === undefined ? {} : { trustProxy: /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy === "true" ? true : trustProxy }),
      ...(env.METRICS_TOKEN ? { metricsToken: env.METRICS_TOKEN } : {}),
      rateLimits,
    },
  };
}

function positive(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}
