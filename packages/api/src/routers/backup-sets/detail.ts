import { backupSetProcedure } from "../../authorization";
import { backupSetDetail } from "../../services/backup-sets";

export const detail = backupSetProcedure("tenants.read").query(({ ctx, input }) => backupSetDetail(ctx.db, input.backupSetId));
