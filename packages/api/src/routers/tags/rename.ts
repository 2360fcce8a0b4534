import { z } from "zod";
import { tagProcedure } from "../../authorization";
import { renameTag } from "../../services/tags/tags";
import { TagName } from "./tag-input";

export const rename = tagProcedure("tags.manage")
  .input(z.object({ name: TagName }))
  .mutation(({ ctx, input }) => ctx.db.$transaction((tx) => renameTag(tx, ctx.actor, input.tagId, input.name)));
