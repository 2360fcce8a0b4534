import { workspaceProcedure } from "../../authorization";
import { listWorkspaceMembers } from "../../services/workspace-members";

/** The workspace's members by name and role: the actors its activity can be filtered by. */
export const members = workspaceProcedure("audit.read").query(({ ctx }) => listWorkspaceMembers(ctx.db, ctx.workspace.workspace.id));
