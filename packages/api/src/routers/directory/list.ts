import { z } from "zod";
import { tenantProcedure } from "../../authorization";
import { directoryKinds, listDirectory } from "../../services/directory-objects";
import { pageCursor, pageInput } from "../page-input";
import { searchTextMax } from "@tenantpilot/dispatch-gate/contract";

/** A tenant's users and groups, newest seen first, without payloads; counts per kind. */
export const list = tenantProcedure("tenants.read")
  .input(
    z.object({
      kind: z.enum(directoryKinds).optional(),
      search: z.string().trim().max(searchTextMax).optional(),
      ...pageInput,
    }),
  )
  .query(({ ctx, input }) =>
    listDirectory(ctx.db, ctx.access.tenant.id, {
      ...(input.kind === undefined ? {} : { kind: input.kind }),
      ...(input.search ? { search: input.search } : {}),
      cursor: pageCursor(input.cursor),
      limit: input.limit,
    }),
  );
