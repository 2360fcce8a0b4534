import type { Db } from "@tenantpilot/db";
import { operationCatalog, type BulkOperation } from "../contract";
import type { StartInput } from "../preflight-context";
import type { OperationTarget } from "../target";

/**
 * The single start each tenant of a bulk start stands for: tenant-wide operations act on the tenant,
 * report.generate on the named report, connection.check on the tenant's primary connection (read
 * here in one statement; a tenant without one gets no target, which preflight answers like a
 * single start without a target would). restore.execute has no bulk form (contract bulkOperationIds).
 */
export async function bulkStartInputs(
  db: Db,
  tenantIds: readonly string[],
  what: BulkOperation,
  initiator: StartInput["initiator"],
): Promise<StartInput[]> {
  const targetKind = operationCatalog[what.operation].targetKind;
  let targets: (tenantId: string) => OperationTarget | undefined;
  switch (targetKind) {
    case "tenant":
      targets = (tenantId) => ({ kind: "tenant", id: tenantId });
      break;
    case "report_kind": {
      const reportKind = what.reportKind;
      targets = () => (reportKind === undefined ? undefined : { kind: "report_kind", id: reportKind });
      break;
    }
    case "provider_connection": {
      const primaries = await primaryConnections(db, tenantIds);
      targets = (tenantId) => {
        const id = primaries.get(tenantId);
        return id === undefined ? undefined : { kind: "provider_connection", id };
      };
      break;
    }
  }
  return tenantIds.map((tenantId) => {
    const target = targets(tenantId);
    return { tenantId, operation: what.operation, ...(target ? { target } : {}), initiator };
  });
}

async function primaryConnections(db: Db, tenantIds: readonly string[]): Promise<Map<string, string>> {
  if (tenantIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ tenant_id: string; id: string }[]>`
    SELECT tenant_id, id FROM provider_connections WHERE tenant_id = ANY(${[...tenantIds]}::uuid[]) AND is_primary`;
  return new Map(rows.map((row) => [row.tenant_id, row.id]));
}
