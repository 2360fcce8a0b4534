import type { ProviderMode } from "../context";
import { routes } from "@tenantpilot/dispatch-gate/contract";

/**
 * Microsoft Entra's admin consent URL for an app registration in the customer's tenant
 * (https://learn.microsoft.com/entra/identity-platform/v2-admin-consent). The administrator
 * grants the app's configured application permissions there and is sent to `redirectUri`.
 */
export function adminConsentUrl(input: { microsoftTenantId: string; clientId: string; redirectUri: string }): string {
  const url = new URL(`https://login.microsoftonline.com/${encodeURIComponent(input.microsoftTenantId)}/adminconsent`);
  url.searchParams.set("client_id", input.clientId);
  url.searchParams.set("redirect_uri", input.redirectUri);
  return url.toString();
}

/** Where the admin app serves the sandbox's simulation of Entra's admin-consent prompt. */
export const sandboxAdminConsentPath = "/sandbox/adminconsent";

/**
 * The sandbox's admin consent URL: the same parameters as Entra's, answered by the admin app
 * itself (Microsoft is simulated inside the worker, whose sandbox reads the recorded answer).
 */
export function sandboxAdminConsentUrl(selfOrigin: string, input: { microsoftTenantId: string; clientId: string; redirectUri: string }): string {
  const url = new URL(sandboxAdminConsentPath, selfOrigin);
  url.searchParams.set("tenant", input.microsoftTenantId);
  url.searchParams.set("client_id", input.clientId);
  url.searchParams.set("redirect_uri", input.redirectUri);
  return url.toString();
}

/** The consent prompt of the provider this installation talks to. */
export function consentPromptUrl(
  mode: ProviderMode,
  selfOrigin: string,
  input: { microsoftTenantId: string; clientId: string; redirectUri: string },
): string {
  return mode === "sandbox" ? sandboxAdminConsentUrl(selfOrigin, input) : adminConsentUrl(input);
}

/** The consent landing page of this app when no explicit redirect URI is configured. */
export function defaultConsentRedirectUri(selfOrigin: string): string {
  return `${selfOrigin}${routes.connectionConsent()}`;
}
