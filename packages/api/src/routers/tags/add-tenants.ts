import { z } from "zod";
import { tagProcedure } from "../../authorization";
import { changeTagMembers } from "../../services/tags/tags";
import { TenantKeys } from "./tag-input";

/** Puts one or many tenants (slug or id) in the tag. */
export const addTenants = tagProcedure("tags.manage")
  .input(z.object({ tenants: TenantKeys }))
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction((tx) => changeTagMembers(tx, ctx.actor, { id: input.tagId, workspaceId: ctx.workspace.workspace.id }, input.tenants, "add")),
  );
