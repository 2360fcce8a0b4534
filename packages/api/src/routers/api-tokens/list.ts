import { listApiTokens } from "@tenantpilot/auth";
import { authedProcedure } from "../../authorization";

export const list = authedProcedure.query(({ ctx }) => listApiTokens(ctx.db, ctx.user.id));
