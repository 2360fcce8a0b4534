import { z } from "zod";
import { safeReturnTarget } from "@tenantpilot/dispatch-gate/contract";
import { connectionProcedure } from "../../authorization";
import { rejectInput } from "../../errors";
import { consentLinkFor } from "../../services/consent-link";

/**
 * Where the customer's administrator grants admin consent to the connection's app (Entra, or the
 * sandbox's prompt). `returnTo`: the page of this app the consent landing page leads back to (an
 * onboarding draft or a connection page, nothing else); it travels through Entra as `state`.
 */
export const consentLink = connectionProcedure("connections.manage")
  .input(z.object({ returnTo: z.string().max(200).optional() }))
  .query(async ({ ctx, input }) => {
    const returnTo = input.returnTo === undefined ? null : safeReturnTarget(input.returnTo);
    if (input.returnTo !== undefined && returnTo === null) throw rejectInput("returnTo", "must be an onboarding draft or a connection page of this app");
    const connection = await ctx.db.providerConnection.findUniqueOrThrow({ where: { id: input.connectionId }, select: { clientId: true } });
    return consentLinkFor(ctx.env, ctx.selfOrigin, { microsoftTenantId: ctx.access.tenant.microsoftTenantId, clientId: connection.clientId }, returnTo);
  });
