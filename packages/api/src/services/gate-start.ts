import type { PrismaClient } from "@tenantpilot/db";
import { ConfirmationRequired, SelectionRejected, startOperation, type StartContextRead, type StartInput } from "@tenantpilot/dispatch-gate";
import type { StartResult } from "@tenantpilot/dispatch-gate/contract";
import { rejectInput } from "../errors";

/** The input field that carries the confirmation of a write to the customer's tenant. */
export const confirmField = "confirmTenant";

/**
 * A start through the gate, for procedures: the gate's four outcomes come back as values; a write
 * to the customer's tenant without its confirmation is bad input on `confirmTenant` (400), whether
 * it is a first start or a retry; a selection its target does not have is bad input on `selection`.
 * `context`: the start context read ahead with the session (ADR 023).
 */
export async function startThroughGate(prisma: PrismaClient, input: StartInput, context?: StartContextRead): Promise<StartResult> {
  try {
    return await startOperation(prisma, input, context);
  } catch (error) {
    if (error instanceof ConfirmationRequired) {
      throw rejectInput(confirmField, `type the tenant's short name (${error.tenantSlug}) to confirm: this writes to the customer's tenant`);
    }
    if (error instanceof SelectionRejected) {
      throw error.problem === "not_selectable"
        ? rejectInput("selection", `${error.operation} acts on its whole target and takes no selection`)
        : rejectInput("selection.backupItemIds", `${error.unknownIds.length} of the selected policies are not in this backup set`);
    }
    throw error;
  }
}
