import { revokeApiToken } from "@tenantpilot/auth";
import { ownApiTokenProcedure } from "../../authorization";

export const revoke = ownApiTokenProcedure.mutation(async ({ ctx, input }) => {
  const result = await revokeApiToken(ctx.db, { userId: ctx.user.id, tokenId: input.tokenId });
  if (!result.ok) throw new Error(`token ${input.tokenId} passed the ownership check but was not found`);
  return { ok: true as const };
});
