import { z } from "zod";
import { RestoreSelection, StartResult } from "@tenantpilot/dispatch-gate/contract";
import { operationProcedure } from "../../authorization";
import { startThroughGate } from "../../services/gate-start";
import { ConfirmTenant, startTarget, TargetId } from "./start-target";

/**
 * The gate: accepted | deduped | scope_busy | blocked. 404/403 were decided before it; a restore
 * without `confirmTenant` is refused as bad input. A restore may name the backup set's policies to
 * write (`selection`, from backupSets.restorePreview); the gate checks them against the set.
 */
export const start = operationProcedure
  .input(z.object({ target: TargetId.optional(), confirmTenant: ConfirmTenant.optional(), selection: RestoreSelection.optional() }))
  .output(StartResult)
  .mutation(({ ctx, input }) => {
    const target = startTarget(input.operation, input.target);
    return startThroughGate(
      ctx.db,
      {
        tenantId: ctx.access.tenant.id,
        operation: input.operation,
        ...(target ? { target } : {}),
        initiator: ctx.actor,
        ...(input.confirmTenant === undefined ? {} : { confirmTenant: input.confirmTenant }),
        ...(input.selection === undefined ? {} : { selection: input.selection }),
      },
      ctx.startReadAhead?.context ?? undefined,
    );
  });
