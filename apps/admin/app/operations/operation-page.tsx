import type { ReactNode } from "react";
import { operationCatalog, type OperationId } from "@tenantpilot/dispatch-gate/contract";
import { useTenant } from "../tenants/use-tenant";
import { TenantOperationCard } from "./tenant-operation-card";

/**
 * A tenant page built around one operation: what it last found (`children`, two thirds wide) beside
 * its start card, and the list it fills (`list`) below.
 */
export function OperationPage({ operation, children, list }: { operation: OperationId; children: ReactNode; list?: ReactNode }) {
  return (
    <div className="space-y-6">
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
        <div className="space-y-6 xl:col-span-2">{children}</div>
        <TenantOperationCard operation={operation} />
      </div>
      {list}
    </div>
  );
}

/** What an empty list says about filling it: wait for the run in progress, start it, or ask an operator. */
export function useFillHint(operation: OperationId, running: { active: boolean; meanwhile: string }): string {
  const { tenant } = useTenant();
  const { label } = operationCatalog[operation];
  if (running.active) return running.meanwhile;
  return tenant.capabilities.includes("operations.start") ? `Run ${label} to fill this.` : `An operator runs ${label} to fill this.`;
}
