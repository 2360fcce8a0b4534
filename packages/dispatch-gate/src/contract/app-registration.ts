import { operationCatalog, type OperationId } from "./operations";
import { permissionNeeds } from "./permission-needs";
import type { GraphPermission } from "./permissions";

// What an administrator does in Microsoft Entra before a tenant can be connected: the app
// registration the onboarding wizard asks for, with exactly the Graph application permissions the
// catalogue's operations need (permissionNeeds, the list the connection check compares with).

export interface AppPermissionRow {
  operation: OperationId;
  /** "Sync inventory", "Generate report". */
  label: string;
  /** The report kind, where the kind decides ("Device compliance"); null otherwise. */
  targetLabel: string | null;
  /** Least privileged application permissions, as Entra names them (copyable). */
  permissions: GraphPermission[];
}

export interface AppRegistrationGuide {
  /** One row per operation (per report kind where that decides). */
  permissionsByOperation: AppPermissionRow[];
  /** Every permission some operation needs, each once, sorted: what to add to the registration. */
  permissions: GraphPermission[];
  /** The steps in the Entra admin center, in order. */
  steps: string[];
  /** Where Entra sends the administrator back after admin consent: register it on the app. */
  redirectUri: string;
}

/** The guide for this installation: the redirect URI is the only part that depends on where it runs. */
export function appRegistrationGuide(redirectUri: string): AppRegistrationGuide {
  const permissionsByOperation = permissionNeeds.map((need) => ({
    operation: need.operation,
    label: operationCatalog[need.operation].label,
    targetLabel: need.targetLabel,
    permissions: need.permissions,
  }));
  const permissions = [...new Set(permissionsByOperation.flatMap((row) => row.permissions))].sort();
  return {
    permissionsByOperation,
    permissions,
    redirectUri,
    steps: [
      "Sign in to the Microsoft Entra admin center (entra.microsoft.com) of the customer's tenant as at least a Cloud Application Administrator.",
      "Go to Identity › Applications › App registrations and choose New registration. Name it (for example “TenantPilot”), choose “Accounts in this organizational directory only”, and add a Web redirect URI: " +
        `${redirectUri}. Register.`,
      "On the app's Overview, copy the Application (client) ID. The Directory (tenant) ID is the Microsoft Entra tenant ID of the tenant details.",
      `Under API permissions choose Add a permission › Microsoft Graph › Application permissions, and add each of: ${permissions.join(", ")}. Delegated permissions are not used.`,
      "Under Certificates & secrets choose New client secret; copy its Value at once (Entra shows it only once) and note when it expires.",
      "Enter the client ID, the secret and its expiry date here, then grant admin consent with the consent prompt and verify the connection.",
    ],
  };
}
