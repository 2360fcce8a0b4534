import { z } from "zod";
import { tenantProcedure } from "../../authorization";
import { listInventory } from "../../services/inventory-items";
import { pageCursor, pageInput } from "../page-input";
import { filterKeyMax, searchTextMax } from "@tenantpilot/dispatch-gate/contract";

/** A tenant's inventory, newest seen first, without payloads; counts per policy type for the filters. */
export const list = tenantProcedure("tenants.read")
  .input(
    z.object({
      policyType: z.string().trim().min(1).max(filterKeyMax).optional(),
      search: z.string().trim().max(searchTextMax).optional(),
      ...pageInput,
    }),
  )
  .query(({ ctx, input }) =>
    listInventory(ctx.db, ctx.access.tenant.id, {
      ...(input.policyType === undefined ? {} : { policyType: input.policyType }),
      ...(input.search ? { search: input.search } : {}),
      cursor: pageCursor(input.cursor),
      limit: input.limit,
    }),
  );
