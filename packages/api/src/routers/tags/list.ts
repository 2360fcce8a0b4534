import { workspaceProcedure } from "../../authorization";
import { listTags } from "../../services/tags/tags";

/** The workspace's tags with the number of the caller's tenants in each. */
export const list = workspaceProcedure("tenants.read").query(({ ctx }) => listTags(ctx.db, ctx.workspace.workspace.id, ctx.user.id));
