import { z } from "zod";
import { webhookDeliveryStatuses } from "@tenantpilot/dispatch-gate/contract";
import { workspaceProcedure } from "../../authorization";
import { webhookDetail } from "../../services/webhooks/webhook-detail";
import { pageCursor, pageInput } from "../page-input";

/** The workspace's webhook (never its secret), how deliveries are signed, and its delivery log (keyset-paged, filterable by status). */
export const detail = workspaceProcedure("webhooks.manage")
  .input(z.object({ status: z.enum(webhookDeliveryStatuses).optional(), ...pageInput }))
  .query(({ ctx, input }) =>
    webhookDetail(ctx.db, ctx.workspace.workspace.id, {
      ...(input.status === undefined ? {} : { status: input.status }),
      cursor: pageCursor(input.cursor),
      limit: input.limit,
    }),
  );
