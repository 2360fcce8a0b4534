import { graphPermissions } from "../permissions";
import type { Sandbox } from "./sandbox";

/**
 * What a demo tenant models. The Microsoft side of "onboarding", "archived" and "no_connection"
 * is healthy: those are database states the gate answers before it would call Microsoft.
 */
export type DemoCondition =
  | "ready"
  | "consent_missing"
  | "secret_expired"
  | "permission_missing"
  | "onboarding"
  | "archived"
  | "no_connection";

export interface DemoTenant {
  /** The demo workspace the tenant belongs to (prisma/seed.ts creates both). */
  workspace: "northwind" | "fabrikam";
  /** Microsoft (Entra) tenant GUID: `tenants.microsoft_tenant_id`. */
  microsoftTenantId: string;
  displayName: string;
  slug: string;
  /** `*.onmicrosoft.com` domain the sandbox uses for this tenant's users. */
  domain: string;
  /** Application (client) id of the provider connection. */
  clientId: string;
  /**
   * The secret the seed stores. A sandbox value, not a credential: the sandbox accepts any
   * non-empty secret for demo apps, so rotating it in the product keeps working.
   */
  clientSecret: string;
  condition: DemoCondition;
  /** Permissions the operations need that this tenant's admin did not grant (permission_missing only). */
  missingPermissions?: readonly string[];
}

/** Everything the product's operations need (the union of the gate catalogue's permission needs). */
export const demoGrantedPermissions: readonly string[] = [
  graphPermissions.deviceConfigurationRead,
  graphPermissions.deviceConfigurationReadWrite,
  graphPermissions.groupRead,
  graphPermissions.managedDevicesRead,
  graphPermissions.userRead,
];

const demo = (tenant: Omit<DemoTenant, "clientSecret" | "domain">, domain: string): DemoTenant => ({
  ...tenant,
  domain,
  clientSecret: `sandbox-demo-secret-${tenant.slug}`,
});

/**
 * The fixed demo tenants. The seed creates a tenant (and, unless no_connection, a primary
 * provider connection) per entry; `applyDemoConditions` gives the sandbox the same condition,
 * so `npm start` shows every kind of start result for real. The first Northwind tenant is the
 * healthy one (the seed entitles its restricted operator to it).
 */
export const demoTenants: readonly DemoTenant[] = [
  demo(
    {
      workspace: "northwind",
      microsoftTenantId: "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b",
      displayName: "Contoso Ltd",
      slug: "contoso",
      clientId: "6b1c2d3e-4f50-4a61-9b72-8c93d4e5f607",
      condition: "ready",
    },
    "contoso.onmicrosoft.com",
  ),
  demo(
    {
      workspace: "northwind",
      microsoftTenantId: "8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968",
      displayName: "Adatum Corporation",
      slug: "adatum",
      clientId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
      condition: "consent_missing",
    },
    "adatum.onmicrosoft.com",
  ),
  demo(
    {
      workspace: "northwind",
      microsoftTenantId: "c4b3a291-8071-4f6e-9d5c-4b3a29180716",
      displayName: "Litware Inc",
      slug: "litware",
      clientId: "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9",
      condition: "secret_expired",
    },
    "litware.onmicrosoft.com",
  ),
  demo(
    {
      workspace: "northwind",
      microsoftTenantId: "1a2b3c4d-5e6f-4071-8293-a4b5c6d7e8f9",
      displayName: "Tailspin Toys",
      slug: "tailspin",
      clientId: "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a",
      condition: "permission_missing",
      missingPermissions: [graphPermissions.managedDevicesRead],
    },
    "tailspintoys.onmicrosoft.com",
  ),
  demo(
    {
      workspace: "northwind",
      microsoftTenantId: "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a",
      displayName: "Woodgrove Bank",
      slug: "woodgrove",
      clientId: "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
      condition: "onboarding",
    },
    "woodgrovebank.onmicrosoft.com",
  ),
  demo(
    {
      workspace: "northwind",
      microsoftTenantId: "4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b",
      displayName: "Proseware Inc",
      slug: "proseware",
      clientId: "8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d",
      condition: "archived",
    },
    "proseware.onmicrosoft.com",
  ),
  demo(
    {
      workspace: "northwind",
      microsoftTenantId: "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e",
      displayName: "Wingtip Toys",
      slug: "wingtip",
      clientId: "3d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f6a",
      condition: "no_connection",
    },
    "wingtiptoys.onmicrosoft.com",
  ),
  demo(
    {
      workspace: "fabrikam",
      microsoftTenantId: "e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a8b",
      displayName: "Fourth Coffee",
      slug: "fourthcoffee",
      clientId: "7b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d0e",
      condition: "ready",
    },
    "fourthcoffee.onmicrosoft.com",
  ),
];

/** The permissions the sandbox grants a demo tenant's app: what the seed stores as granted. */
export function demoTenantPermissions(tenant: DemoTenant): string[] {
  if (tenant.condition === "consent_missing") return [];
  return demoGrantedPermissions.filter((permission) => !tenant.missingPermissions?.includes(permission));
}

/**
 * Makes the sandbox match the demo list: each tenant gets its display name and domain, its
 * app exactly the demo permissions (nothing broader, so a missing Read.All is not quietly
 * covered by a ReadWrite.All), and the knob its condition calls for.
 */
export function applyDemoConditions(sandbox: Sandbox): void {
  for (const tenant of demoTenants) {
    const state = sandbox.tenant(tenant.microsoftTenantId, { displayName: tenant.displayName, domain: tenant.domain });
    // Materialise the demo app even in a strict sandbox; its secret stays "any non-empty secret".
    const lenient = state.acceptsUnregisteredApps;
    state.acceptUnregisteredApps(true);
    const app = state.app(tenant.clientId);
    state.acceptUnregisteredApps(lenient);
    if (!app) continue;
    const granted = demoTenantPermissions(tenant);
    for (const permission of [...app.permissions]) {
      if (!granted.includes(permission)) state.removePermission(permission, tenant.clientId);
    }
    if (tenant.condition === "consent_missing") state.revokeConsent(tenant.clientId);
    if (tenant.condition === "secret_expired") state.expireSecret(tenant.clientId);
  }
}
