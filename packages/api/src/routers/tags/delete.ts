import { tagProcedure } from "../../authorization";
import { deleteTag } from "../../services/tags/tags";

export const remove = tagProcedure("tags.manage").mutation(({ ctx, input }) => ctx.db.$transaction((tx) => deleteTag(tx, ctx.actor, input.tagId)));
