import { z } from "zod";
import { workspaceProcedure } from "../../authorization";
import { updateWorkspaceSettings } from "../../services/schedules/workspace-settings";

/** The time zone schedules fire in, and the cap on the workspace's concurrently running batch runs. */
export const updateSettings = workspaceProcedure("schedules.manage")
  .input(z.object({ timeZone: z.string().trim().min(1).max(64).optional(), batchRunCap: z.number().int().min(1).max(64).optional() }))
  .mutation(({ ctx, input }) => ctx.db.$transaction((tx) => updateWorkspaceSettings(tx, ctx.actor, ctx.workspace.workspace.id, input)));
