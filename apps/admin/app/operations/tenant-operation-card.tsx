import type { OperationId } from "@tenantpilot/dispatch-gate/contract";
import { useTenant } from "../tenants/use-tenant";
import { OperationCard } from "./operation-card";

/**
 * The start card of a tenant-wide operation beside a tenant page's content, with the readiness the
 * tenant layout already loaded. Nothing when the layout has no readiness for it.
 */
export function TenantOperationCard({ operation }: { operation: OperationId }) {
  const { tenant, readiness } = useTenant();
  const entry = readiness.find((candidate) => candidate.operation === operation);
  if (!entry) return null;
  return (
    <div>
      <OperationCard operation={operation} targetLabel={tenant.displayName} preview={entry.preview} canStart={tenant.capabilities.includes("operations.start")} />
    </div>
  );
}
