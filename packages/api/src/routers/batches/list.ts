import { z } from "zod";
import { workspaceProcedure } from "../../authorization";
import { listBatches } from "../../services/batches/batch-views";
import { pageCursor, pageInput } from "../page-input";

/** The workspace's batches, newest first, with counts over the caller's tenants and the derived status. */
export const list = workspaceProcedure("tenants.read")
  .input(z.object(pageInput))
  .query(({ ctx, input }) => listBatches(ctx.db, ctx.workspace.workspace.id, ctx.user.id, { cursor: pageCursor(input.cursor), limit: input.limit }));
