import { z } from "zod";
import { tenantVisibleTo } from "@tenantpilot/auth";
import { decodeTenantCursor } from "@tenantpilot/dispatch-gate";
import { workspaceProcedure } from "../../authorization";
import { rejectInput } from "../../errors";
import { listOnboardings } from "../../services/onboarding/drafts";

/** Onboardings in progress: every tenant still onboarding that the caller sees, with its open draft (or none yet), by name. */
export const list = workspaceProcedure("onboarding.manage")
  .input(z.object({ cursor: z.string().min(1).max(600).optional(), limit: z.number().int().min(1).max(100).default(25) }))
  .query(({ ctx, input }) => {
    const after = input.cursor === undefined ? null : decodeTenantCursor(input.cursor);
    if (after !== null && after.order !== "name") throw rejectInput("cursor", "is not a cursor from a previous page");
    if (input.cursor !== undefined && after === null) throw rejectInput("cursor", "is not a cursor from a previous page");
    return listOnboardings(ctx.db, { visible: tenantVisibleTo(ctx.user.id), workspaceId: ctx.workspace.workspace.id }, { after, limit: input.limit });
  });
