import { Prisma } from "@tenantpilot/db";
import { secretExpiryWindowDays, type SecretExpiryWindow } from "../contract";

// What makes a tenant need attention beyond its readiness, as SQL: ONE definition each, used by the
// tenant filter (a list page, a bulk start's "all matching") and by the home's counts
// (tenants.summary), so a chip's number is the number of tenants its filter lists.

/** A run `r` that ended failed in the last 24 hours: "failed last night". */
export const failedRecently = Prisma.sql`r.status = 'failed' AND r.finished_at > now() - interval '24 hours'`;

/** Tenant `t` has such a run (a semi-join over the index on operation_runs (status, finished_at)). */
export const hasFailedRecently = Prisma.sql`EXISTS (SELECT 1 FROM operation_runs r WHERE r.tenant_id = t.id AND ${failedRecently})`;

/**
 * Connection `c`'s client secret is in the window: expired, or not yet expired and ending within N
 * days. Only enabled connections that hold a secret count: a disabled one runs nothing.
 */
export function secretInWindow(window: SecretExpiryWindow): Prisma.Sql {
  const held = Prisma.sql`c.enabled AND c.client_secret_encrypted IS NOT NULL`;
  if (window === "expired") return Prisma.sql`${held} AND c.client_secret_expires_at <= now()`;
  const days = secretExpiryWindowDays[window];
  return Prisma.sql`${held} AND c.client_secret_expires_at > now() AND c.client_secret_expires_at <= now() + make_interval(days => ${days}::int)`;
}

/** Tenant `t` has a connection whose secret is in the window. */
export function hasSecretInWindow(window: SecretExpiryWindow): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM provider_connections c WHERE c.tenant_id = t.id AND ${secretInWindow(window)})`;
}
