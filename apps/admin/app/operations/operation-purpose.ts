import type { OperationId } from "@tenantpilot/dispatch-gate/contract";

/** One line under each start button: what the operation does in the customer's tenant. */
export const operationPurpose: Record<OperationId, string> = {
  "inventory.sync": "Reads every Intune configuration, compliance and settings-catalog policy into the inventory.",
  "backup.capture": "Captures the full content of every Intune policy into a new backup set.",
  "restore.execute": "Writes the policies of a backup set back to the tenant.",
  "directory.sync": "Reads users and groups from Microsoft Entra ID.",
  "report.generate": "Builds a report from the tenant's current data.",
  "connection.check": "Requests a token and reads the granted permissions and consent of the connection.",
};
