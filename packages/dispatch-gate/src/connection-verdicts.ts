import { describe, operationCatalog, permissionNeeds, type OperationId, type ReasonCode, type ReasonWords } from "./contract";
import type { ConnectionFacts } from "./connection-facts";
import { judgeConnection } from "./preflight";

/** Whether a connection, as the gate sees it now, blocks one operation (on one report kind). */
export interface ConnectionVerdict {
  /** permissionNeeds key: "inventory.sync", "report.generate:device-compliance". */
  key: string;
  operation: OperationId;
  label: string;
  targetLabel: string | null;
  /** null: this connection does not stand in the way; otherwise the reason, in the gate's words. */
  blocks: (ReasonWords & { reason: ReasonCode; missingPermissions?: string[] | undefined }) | null;
}

/**
 * For each operation a connection may be asked to run, whether it blocks it now and why: the same
 * connection rules preflight applies (stored facts and the provider's last word), without the
 * tenant's and the target's own rules. What connection pages show, so they never disagree with a start.
 */
export function connectionVerdicts(connection: ConnectionFacts, now: Date, tenantSlug: string): ConnectionVerdict[] {
  return permissionNeeds.map((need) => {
    const operation = operationCatalog[need.operation];
    const failure = judgeConnection({ now, operation, connection, needs: need.permissions });
    return {
      key: need.key,
      operation: need.operation,
      label: operation.label,
      targetLabel: need.targetLabel,
      blocks:
        failure === null
          ? null
          : {
              reason: failure.reason,
              ...describe({
                reason: failure.reason,
                context: { tenantSlug, connectionId: connection.id },
                detail: failure.missingPermissions === undefined ? {} : { missingPermissions: failure.missingPermissions },
              }),
              ...(failure.missingPermissions === undefined ? {} : { missingPermissions: failure.missingPermissions }),
            },
    };
  });
}
