import { z } from "zod";
import { workspaceProcedure } from "../../authorization";
import { createTag } from "../../services/tags/tags";
import { TagName } from "./tag-input";

export const create = workspaceProcedure("tags.manage")
  .input(z.object({ name: TagName }))
  .mutation(({ ctx, input }) => ctx.db.$transaction((tx) => createTag(tx, ctx.actor, ctx.workspace.workspace.id, input.name)));
