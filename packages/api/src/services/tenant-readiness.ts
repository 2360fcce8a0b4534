import type { Db } from "@tenantpilot/db";
import type { TenantAccess } from "@tenantpilot/auth";
import { previewStart } from "@tenantpilot/dispatch-gate";
import { operationCatalog, operationIds, reportKindIds, type OperationId, type PreviewResult, type ReportKind } from "@tenantpilot/dispatch-gate/contract";

/** Operations that act on the tenant as a whole: the ones a tenant page offers without choosing a target. */
export const tenantWideOperations: readonly OperationId[] = operationIds.filter(
  (id) => operationCatalog[id].targetKind === "tenant",
);

/**
 * Whether the tenant is ready to work with, in the gate's own words: what a start of
 * inventory.sync would answer now (one read, no writes). "ready" or the blocking reason.
 */
export function tenantReadiness(db: Db, access: TenantAccess): Promise<PreviewResult> {
  return previewStart(db, {
    tenantId: access.tenant.id,
    operation: "inventory.sync",
    initiator: { kind: "user", userId: access.membership.userId },
  });
}

/** The preview of every tenant-wide operation, for a tenant's page. */
export async function operationReadiness(
  db: Db,
  access: TenantAccess,
): Promise<{ operation: OperationId; label: string; preview: PreviewResult }[]> {
  return Promise.all(
    tenantWideOperations.map(async (operation) => ({
      operation,
      label: operationCatalog[operation].label,
      preview: await previewStart(db, {
        tenantId: access.tenant.id,
        operation,
        initiator: { kind: "user", userId: access.membership.userId },
      }),
    })),
  );
}

/**
 * The preview of report.generate per report kind, for a tenant's page. Read with tenants.read like the
 * tenant-wide previews (the tenants list shows the same per-report readiness to every member): a role
 * that cannot start a report still reads what a start would answer before asking someone who can.
 */
export async function reportReadiness(db: Db, access: TenantAccess): Promise<{ kind: ReportKind; preview: PreviewResult }[]> {
  return Promise.all(
    reportKindIds.map(async (kind) => ({
      kind,
      preview: await previewStart(db, {
        tenantId: access.tenant.id,
        operation: "report.generate",
        target: { kind: "report_kind", id: kind },
        initiator: { kind: "user", userId: access.membership.userId },
      }),
    })),
  );
}
