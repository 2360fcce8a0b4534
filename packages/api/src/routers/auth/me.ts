import { authedProcedure } from "../../authorization";
import { loadViewer } from "../../services/viewer";

export const me = authedProcedure.query(({ ctx }) => loadViewer(ctx.db, ctx.user, ctx.credential));
