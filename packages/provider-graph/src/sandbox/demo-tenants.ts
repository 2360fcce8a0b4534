import { graphPermissions } from "../permissions";
import type { Sandbox } from "./sandbox";

export type DemoCondition = "ready" | "consent_missing" | "secret_expired" | "permission_missing" | "onboarding";

export interface DemoTenant {
  /** Microsoft (Entra) tenant GUID. */
  msTenantId: string;
  displayName: string;
  slug: string;
  /** `*.onmicrosoft.com` domain the sandbox uses for this tenant's users. */
  domain: string;
  /** Application (client) id of the provider connection. */
  clientId: string;
  condition: DemoCondition;
  /** What admin consent covers in the sandbox: the seed stores it as the connection's granted permissions. */
  grantedPermissions: readonly string[];
  /** Whether consent is granted (false only for consent_missing). */
  consentGranted: boolean;
  /** True when the sandbox treats the connection's secret as expired. */
  secretExpired: boolean;
}

/** Everything the product's operations use, as granted to a healthy demo connection. */
const operationPermissions = [
  graphPermissions.deviceConfigurationRead,
  graphPermissions.deviceConfigurationReadWrite,
  graphPermissions.groupRead,
  graphPermissions.userRead,
  graphPermissions.managedDevicesRead,
] as const;

const demo = (
  tenant: Omit<DemoTenant, "grantedPermissions" | "consentGranted" | "secretExpired">,
  missing: readonly string[] = [],
): DemoTenant => ({
  ...tenant,
  grantedPermissions: tenant.condition === "consent_missing" ? [] : operationPermissions.filter((permission) => !missing.includes(permission)),
  consentGranted: tenant.condition !== "consent_missing",
  secretExpired: tenant.condition === "secret_expired",
});

/**
 * The fixed demo tenants. The seed creates one tenant + provider connection per entry and the
 * sandbox models the same condition, so `npm start` shows each kind of start result for real.
 */
export const demoTenants: readonly DemoTenant[] = [
  demo({
    msTenantId: "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b",
    displayName: "Contoso Ltd",
    slug: "contoso",
    domain: "contoso.onmicrosoft.com",
    clientId: "6b1c2d3e-4f50-4a61-9b72-8c93d4e5f607",
    condition: "ready",
  }),
  demo({
    msTenantId: "8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968",
    displayName: "Fabrikam Inc",
    slug: "fabrikam",
    domain: "fabrikam.onmicrosoft.com",
    clientId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
    condition: "consent_missing",
  }),
  demo({
    msTenantId: "c4b3a291-8071-4f6e-9d5c-4b3a29180716",
    displayName: "Northwind Traders",
    slug: "northwind",
    domain: "northwindtraders.onmicrosoft.com",
    clientId: "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9",
    condition: "secret_expired",
  }),
  demo(
    {
      msTenantId: "1a2b3c4d-5e6f-4071-8293-a4b5c6d7e8f9",
      displayName: "Tailspin Toys",
      slug: "tailspin",
      domain: "tailspintoys.onmicrosoft.com",
      clientId: "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a",
      condition: "permission_missing",
    },
    [graphPermissions.managedDevicesRead],
  ),
  demo({
    msTenantId: "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a",
    displayName: "Woodgrove Bank",
    slug: "woodgrove",
    domain: "woodgrovebank.onmicrosoft.com",
    clientId: "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
    condition: "onboarding",
  }),
];

/**
 * Makes the sandbox match the demo list: each tenant gets its display name and domain, and its
 * knobs are set so the connection fails (or works) the way its condition says. The apps stay
 * unregistered, so any secret the seed stored is accepted — except where the condition says no.
 */
export function applyDemoConditions(sandbox: Sandbox): void {
  for (const tenant of demoTenants) {
    const state = sandbox.tenant(tenant.msTenantId, { displayName: tenant.displayName, domain: tenant.domain });
    // Materialise the demo app even in a strict sandbox; its secret stays "any non-empty secret".
    const lenient = state.acceptsUnregisteredApps;
    state.acceptUnregisteredApps(true);
    const app = state.app(tenant.clientId);
    state.acceptUnregisteredApps(lenient);
    if (!app) continue;
    for (const permission of [...app.permissions]) {
      if (!tenant.grantedPermissions.includes(permission)) state.removePermission(permission, tenant.clientId);
    }
    if (!tenant.consentGranted) state.revokeConsent(tenant.clientId);
    if (tenant.secretExpired) state.expireSecret(tenant.clientId);
  }
}
