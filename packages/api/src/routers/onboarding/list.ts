import { workspaceProcedure } from "../../authorization";
import { listOpenDrafts } from "../../services/onboarding/drafts";

/** Open drafts of a workspace, to resume one. */
export const list = workspaceProcedure("onboarding.manage").query(({ ctx }) => listOpenDrafts(ctx.db, ctx.workspace.workspace.id));
