import { backupSetProcedure } from "../../authorization";
import { restorePreview } from "../../services/restore/restore-preview";

/**
 * Before a restore is confirmed: per policy, what it would create, overwrite, rewrite unchanged or
 * leave alone (against the latest inventory sync, whose age is told, with a fresh sync offered when
 * it is stale); the gate's answer for the restore and the confirmation it needs. The start then
 * names the chosen policies (operations.start `selection`).
 */
export const preview = backupSetProcedure("operations.restore").query(({ ctx, input }) => restorePreview(ctx.db, input.backupSetId));
