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

/** The consent landing page of this app when no explicit redirect URI is configured. */
export function defaultConsentRedirectUri(selfOrigin: string): string {
  return `${selfOrigin}/admin/provider-connections/consent`;
}
