import { z } from "zod";
import { previewStart } from "@tenantpilot/dispatch-gate";
import { PreviewResult } from "@tenantpilot/dispatch-gate/contract";
import { operationProcedure } from "../../authorization";
import { startTarget, TargetId } from "./start-target";

/** What start would answer now, without admitting or recording anything. */
export const preview = operationProcedure
  .input(z.object({ target: TargetId.optional() }))
  .output(PreviewResult)
  .query(({ ctx, input }) => {
    const target = startTarget(input.operation, input.target);
    return previewStart(ctx.db, {
      tenantId: ctx.access.tenant.id,
      operation: input.operation,
      ...(target ? { target } : {}),
      initiator: { kind: "user", userId: ctx.user.id },
    });
  });
