import { connectionProcedure } from "../../authorization";
import { adminConsentUrl, defaultConsentRedirectUri } from "../../services/consent-link";

/** Where the customer's administrator grants admin consent to the connection's app. */
export const consentLink = connectionProcedure("connections.manage").query(async ({ ctx, input }) => {
  const connection = await ctx.db.providerConnection.findUniqueOrThrow({ where: { id: input.connectionId }, select: { clientId: true } });
  const redirectUri = ctx.env.consentRedirectUri ?? defaultConsentRedirectUri(ctx.selfOrigin);
  return {
    url: adminConsentUrl({ microsoftTenantId: ctx.access.tenant.microsoftTenantId, clientId: connection.clientId, redirectUri }),
    redirectUri,
  };
});
