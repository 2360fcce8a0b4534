import { Prisma, type Db } from "@tenantpilot/db";
import { bulkStartInputs, failedRecently, readinessRollup, secretInWindow, selectTenantIds, type TenantScope } from "@tenantpilot/dispatch-gate";
import type { BulkOperation } from "@tenantpilot/dispatch-gate/contract";

interface SecretExpiryRow {
  expired: number;
  within_30: number;
  within_7: number;
  within_1: number;
}

interface CountsRow {
  total: number;
  active: number;
  onboarding: number;
  archived: number;
  running: number;
  failed_tenants: number;
  failed_runs: number;
}

/**
 * The workspace's counts for its home page, over the tenants the viewer sees: tenants by status,
 * tenants with active runs and current tenants with failed runs in the last 24 hours (one SQL
 * aggregate), current tenants by how soon a client secret ends, and the readiness of the current
 * tenants for one operation, by outcome and blocking reason. "Failed" and "secret expiring" are the
 * tenant filter's own conditions (dispatch-gate selection/attention), so each count is exactly the
 * number of tenants its filter lists. Readiness is the gate's decision, not a SQL copy of the
 * preflight rules (ADR 017), made once per readiness group (tenants alike in every fact it reads),
 * so the home's cost in this process does not grow with the workspace (ADR 039). Five to six
 * statements whatever the workspace size.
 */
export async function tenantSummary(db: Db, scope: TenantScope, operation: BulkOperation) {
  const workspace = scope.workspaceId === undefined ? Prisma.sql`true` : Prisma.sql`t.workspace_id = ${scope.workspaceId}::uuid`;
  const [counts] = await db.$queryRaw<CountsRow[]>`
    SELECT count(*)::int AS total,
           count(*) FILTER (WHERE t.status = 'active')::int AS active,
           count(*) FILTER (WHERE t.status = 'onboarding')::int AS onboarding,
           count(*) FILTER (WHERE t.status = 'archived')::int AS archived,
           count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM operation_runs r WHERE r.tenant_id = t.id AND r.status IN ('queued', 'running')))::int AS running,
           count(*) FILTER (WHERE f.n > 0 AND t.status <> 'archived')::int AS failed_tenants,
           coalesce(sum(f.n) FILTER (WHERE t.status <> 'archived'), 0)::int AS failed_runs
      FROM tenants t
      -- The day's failed runs grouped once (an index range on status, finished_at), not probed per tenant.
      LEFT JOIN (SELECT r.tenant_id, count(*) AS n FROM operation_runs r WHERE ${failedRecently} GROUP BY r.tenant_id) f ON f.tenant_id = t.id
     WHERE ${scope.visible} AND ${workspace}`;
  // Current tenants by their connections' client secrets (the worker's warning thresholds): a
  // tenant counts once per window however many of its connections are in it.
  const [secrets] = await db.$queryRaw<SecretExpiryRow[]>`
    SELECT count(DISTINCT c.tenant_id) FILTER (WHERE ${secretInWindow("expired")})::int AS expired,
           count(DISTINCT c.tenant_id) FILTER (WHERE ${secretInWindow("30d")})::int AS within_30,
           count(DISTINCT c.tenant_id) FILTER (WHERE ${secretInWindow("7d")})::int AS within_7,
           count(DISTINCT c.tenant_id) FILTER (WHERE ${secretInWindow("1d")})::int AS within_1
      FROM provider_connections c
      JOIN tenants t ON t.id = c.tenant_id
     WHERE t.status <> 'archived' AND ${scope.visible} AND ${workspace}`;
  const tenantIds = await selectTenantIds(db, scope, {});
  const readiness = await readinessRollup(db, await bulkStartInputs(db, tenantIds, operation, { kind: "system" }));
  return {
    tenants: {
      total: counts?.total ?? 0,
      byStatus: { active: counts?.active ?? 0, onboarding: counts?.onboarding ?? 0, archived: counts?.archived ?? 0 },
    },
    readiness: { ...operation, ...readiness },
    running: counts?.running ?? 0,
    failedLast24h: { tenants: counts?.failed_tenants ?? 0, runs: counts?.failed_runs ?? 0 },
    /** Current tenants with a client secret that has expired, or ends within 30 / 7 / 1 days (cumulative, not expired). */
    secretExpiry: {
      expired: secrets?.expired ?? 0,
      within30Days: secrets?.within_30 ?? 0,
      within7Days: secrets?.within_7 ?? 0,
      within1Day: secrets?.within_1 ?? 0,
    },
  };
}
