import type { ApiEnvironment, ProviderMode } from "../context";
import { routes } from "@tenantpilot/dispatch-gate/contract";

/**
 * Microsoft Entra's admin consent URL for an app registration in the customer's tenant
 * (https://learn.microsoft.com/entra/identity-platform/v2-admin-consent). The administrator
 * grants the app's configured application permissions there and is sent to `redirectUri`.
 */
export function adminConsentUrl(input: ConsentPromptInput): string {
  const url = new URL(`https://login.microsoftonline.com/${encodeURIComponent(input.microsoftTenantId)}/adminconsent`);
  url.searchParams.set("client_id", input.clientId);
  url.searchParams.set("redirect_uri", input.redirectUri);
  if (input.state !== undefined) url.searchParams.set("state", input.state);
  return url.toString();
}

export interface ConsentPromptInput {
  microsoftTenantId: string;
  clientId: string;
  redirectUri: string;
  /**
   * Handed back by Entra with the answer: the page of this app to return to (an onboarding draft,
   * a connection), checked by safeReturnTarget when the link is made and again when it is followed.
   */
  state?: string;
}

/** Where the admin app serves the sandbox's simulation of Entra's admin-consent prompt. */
export const sandboxAdminConsentPath = "/sandbox/adminconsent";

/**
 * The sandbox's admin consent URL: the same parameters as Entra's, answered by the admin app
 * itself (Microsoft is simulated inside the worker, whose sandbox reads the recorded answer).
 */
export function sandboxAdminConsentUrl(selfOrigin: string, input: ConsentPromptInput): string {
  const url = new URL(sandboxAdminConsentPath, selfOrigin);
  url.searchParams.set("tenant", input.microsoftTenantId);
  url.searchParams.set("client_id", input.clientId);
  url.searchParams.set("redirect_uri", input.redirectUri);
  if (input.state !== undefined) url.searchParams.set("state", input.state);
  return url.toString();
}

/** The consent prompt of the provider this installation talks to. */
export function consentPromptUrl(mode: ProviderMode, selfOrigin: string, input: ConsentPromptInput): string {
  return mode === "sandbox" ? sandboxAdminConsentUrl(selfOrigin, input) : adminConsentUrl(input);
}

/** The consent link of a connection as the API hands it out (connections.consentLink, the onboarding draft). */
export function consentLinkFor(
  env: Pick<ApiEnvironment, "consentRedirectUri" | "providerMode">,
  selfOrigin: string,
  connection: { microsoftTenantId: string; clientId: string },
  returnTo: string | null,
) {
  const redirectUri = consentRedirectUriFor(env, selfOrigin);
  const provider = env.providerMode ?? "microsoft";
  return {
    url: consentPromptUrl(provider, selfOrigin, { ...connection, redirectUri, ...(returnTo === null ? {} : { state: returnTo }) }),
    redirectUri,
    /** The page the consent landing page leads back to (already checked), or null. */
    returnTo,
    /** true: the prompt is the sandbox's simulation, served by this app. */
    simulated: provider === "sandbox",
  };
}

/** Where Entra returns the administrator: the configured URI, else this app's consent landing page. */
export function consentRedirectUriFor(env: Pick<ApiEnvironment, "consentRedirectUri">, selfOrigin: string): string {
  return env.consentRedirectUri ?? defaultConsentRedirectUri(selfOrigin);
}

/** The consent landing page of this app when no explicit redirect URI is configured. */
export function defaultConsentRedirectUri(selfOrigin: string): string {
  return `${selfOrigin}${routes.connectionConsent()}`;
}
