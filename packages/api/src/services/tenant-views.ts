import type { Db } from "@tenantpilot/db";
import type { TenantAccess } from "@tenantpilot/auth";
import { activeRunStatuses } from "@tenantpilot/dispatch-gate/contract";
import { connectionViewSelect, toConnectionView } from "./connection-view";
import { runListSelect, toRunListItem } from "./run-list-item";
import { operationReadiness, reportReadiness, tenantReadiness } from "./tenant-readiness";

export function tenantSummary(access: TenantAccess) {
  return {
    id: access.tenant.id,
    slug: access.tenant.slug,
    displayName: access.tenant.displayName,
    status: access.tenant.status,
    microsoftTenantId: access.tenant.microsoftTenantId,
    workspaceId: access.tenant.workspaceId,
    role: access.membership.role,
    capabilities: [...access.capabilities],
  };
}

/** Tenants the caller sees, each with its readiness (the gate's preview of inventory.sync). */
export async function listTenantsWithReadiness(db: Db, tenants: TenantAccess[]) {
  return Promise.all(tenants.map(async (access) => ({ ...tenantSummary(access), readiness: await tenantReadiness(db, access) })));
}

const RECENT_RUNS = 10;

/** A tenant's page: identity, connections, readiness per operation and per report, active and recent runs, tags. */
export async function tenantDetail(db: Db, access: TenantAccess) {
  const tenantId = access.tenant.id;
  const [workspace, connections, readiness, reports, activeRuns, recentRuns, backupSets, tags] = await Promise.all([
    db.workspace.findUniqueOrThrow({ where: { id: access.tenant.workspaceId }, select: { id: true, slug: true, name: true } }),
    db.providerConnection.findMany({
      where: { tenantId },
      select: connectionViewSelect,
      orderBy: [{ isPrimary: "desc" }, { createdAt: "asc" }],
    }),
    operationReadiness(db, access),
    reportReadiness(db, access),
    db.operationRun.findMany({
      where: { tenantId, status: { in: [...activeRunStatuses] } },
      select: runListSelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    }),
    db.operationRun.findMany({ where: { tenantId }, select: runListSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: RECENT_RUNS }),
    db.backupSet.count({ where: { tenantId } }),
    db.tenantTag.findMany({ where: { tenantId }, select: { tag: { select: { id: true, name: true } } } }),
  ]);
  return {
    tenant: tenantSummary(access),
    workspace,
    connections: connections.map(toConnectionView),
    readiness,
    /** report.generate's readiness per report kind (its cards). */
    reports,
    activeRuns: activeRuns.map(toRunListItem),
    recentRuns: recentRuns.map(toRunListItem),
    backupSetCount: backupSets,
    /** The tenant's tags by name (the tenant page adds and removes them). */
    tags: tags.map(({ tag }) => tag).sort((a, b) => a.name.localeCompare(b.name)),
  };
}
