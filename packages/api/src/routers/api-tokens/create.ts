import { z } from "zod";
import { createApiToken } from "@tenantpilot/auth";
import { sessionProcedure } from "../../authorization";

const DAY_MS = 86_400_000;

/** Issues a token for the caller; the plaintext is in this response only. */
export const create = sessionProcedure
  .input(z.object({ name: z.string().trim().min(1).max(100), expiresInDays: z.number().int().min(1).max(3650).optional() }))
  .mutation(async ({ ctx, input }) => {
    const expiresAt = input.expiresInDays === undefined ? null : new Date(Date.now() + input.expiresInDays * DAY_MS);
    const { token, record } = await createApiToken(ctx.db, { userId: ctx.user.id, name: input.name, expiresAt });
    return { token, record };
  });
