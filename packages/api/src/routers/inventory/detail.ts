import { notFound } from "../../errors";
import { z } from "zod";
import { tenantProcedure } from "../../authorization";
import { inventoryItemDetail } from "../../services/inventory-items";
import { Uuid } from "@tenantpilot/dispatch-gate/contract";

/** One inventory item with its payload. Another tenant's item answers exactly like a random id. */
export const detail = tenantProcedure("tenants.read")
  .input(z.object({ itemId: Uuid }))
  .query(async ({ ctx, input }) => {
    const item = await inventoryItemDetail(ctx.db, ctx.access.tenant.id, input.itemId);
    if (item === null) throw notFound("inventoryItem");
    return item;
  });
