import { connectionProcedure } from "../../authorization";
import { consentPromptUrl, defaultConsentRedirectUri } from "../../services/consent-link";

/** Where the customer's administrator grants admin consent to the connection's app (Entra, or the sandbox's prompt). */
export const consentLink = connectionProcedure("connections.manage").query(async ({ ctx, input }) => {
  const connection = await ctx.db.providerConnection.findUniqueOrThrow({ where: { id: input.connectionId }, select: { clientId: true } });
  const redirectUri = ctx.env.consentRedirectUri ?? defaultConsentRedirectUri(ctx.selfOrigin);
  const provider = ctx.env.providerMode ?? "microsoft";
  return {
    url: consentPromptUrl(provider, ctx.selfOrigin, { microsoftTenantId: ctx.access.tenant.microsoftTenantId, clientId: connection.clientId, redirectUri }),
    redirectUri,
    /** true: the prompt is the sandbox's simulation, served by this app. */
    simulated: provider === "sandbox",
  };
});
