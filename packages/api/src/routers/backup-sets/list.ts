import { z } from "zod";
import { tenantProcedure } from "../../authorization";
import { listBackupSets } from "../../services/backup-sets";
import { pageCursor, pageInput } from "../page-input";

export const list = tenantProcedure("tenants.read")
  .input(z.object(pageInput))
  .query(({ ctx, input }) => listBackupSets(ctx.db, ctx.access.tenant.id, { cursor: pageCursor(input.cursor), limit: input.limit }));
