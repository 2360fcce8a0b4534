import { Prisma, type Db } from "@tenantpilot/db";
import { bulkStartInputs, previewAll, selectTenants, type TenantScope } from "@tenantpilot/dispatch-gate";
import { previewOutcomes, rollupOf, type BulkOperation, type PreviewResult } from "@tenantpilot/dispatch-gate/contract";

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
 * tenants with active runs and with failed runs in the last 24 hours (one SQL aggregate), and the
 * readiness of the current (not archived) tenants for one operation, by outcome and blocking reason.
 * Readiness is the gate's decision over N contexts read in one statement, not a SQL copy of the
 * preflight rules (ADR 017); client secrets by how soon they end (the expiry warnings' thresholds).
 * Four to five statements whatever the workspace size.
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
           count(*) FILTER (WHERE f.n > 0)::int AS failed_tenants,
           coalesce(sum(f.n), 0)::int AS failed_runs
      FROM tenants t
      LEFT JOIN LATERAL (
            SELECT count(*) AS n FROM operation_runs r
             WHERE r.tenant_id = t.id AND r.status = 'failed' AND r.finished_at > now() - interval '24 hours') f ON true
     WHERE ${scope.visible} AND ${workspace}`;
  // Client secrets of enabled connections of current tenants, by how soon they end (the warning
  // thresholds of the worker's expiry scan): the home page's "secrets expiring" chip.
  const [secrets] = await db.$queryRaw<SecretExpiryRow[]>`
    SELECT count(*) FILTER (WHERE c.client_secret_expires_at <= now())::int AS expired,
           count(*) FILTER (WHERE c.client_secret_expires_at > now() AND c.client_secret_expires_at <= now() + interval '30 days')::int AS within_30,
           count(*) FILTER (WHERE c.client_secret_expires_at > now() AND c.client_secret_expires_at <= now() + interval '7 days')::int AS within_7,
           count(*) FILTER (WHERE c.client_secret_expires_at > now() AND c.client_secret_expires_at <= now() + interval '1 day')::int AS within_1
      FROM provider_connections c
      JOIN tenants t ON t.id = c.tenant_id
     WHERE c.enabled AND c.client_secret_encrypted IS NOT NULL AND t.status <> 'archived' AND ${scope.visible} AND ${workspace}`;
  const { tenants } = await selectTenants(db, scope, { filter: {}, order: "name", after: null, limit: null });
  const previews = await previewAll(db, await bulkStartInputs(db, tenants.map((tenant) => tenant.id), operation, { kind: "system" }));
  const readiness = rollupOf(previewOutcomes, previews.filter((preview): preview is PreviewResult => preview !== null));
  return {
    tenants: {
      total: counts?.total ?? 0,
      byStatus: { active: counts?.active ?? 0, onboarding: counts?.onboarding ?? 0, archived: counts?.archived ?? 0 },
    },
    readiness: { ...operation, ...readiness },
    running: counts?.running ?? 0,
    failedLast24h: { tenants: counts?.failed_tenants ?? 0, runs: counts?.failed_runs ?? 0 },
    /** Connections whose client secret has expired, or ends within 30 / 7 / 1 days (cumulative). */
    secretExpiry: {
      expired: secrets?.expired ?? 0,
      within30Days: secrets?.within_30 ?? 0,
      within7Days: secrets?.within_7 ?? 0,
      within1Day: secrets?.within_1 ?? 0,
    },
  };
}
