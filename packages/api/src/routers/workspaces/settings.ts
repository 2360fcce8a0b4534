import { workspaceProcedure } from "../../authorization";
import { readWorkspaceSettings } from "../../services/schedules/workspace-settings";

/** The time zone schedules fire in and the cap on concurrently running batch runs (what updateSettings changes). */
export const settings = workspaceProcedure("tenants.read").query(({ ctx }) => readWorkspaceSettings(ctx.db, ctx.workspace.workspace.id));
