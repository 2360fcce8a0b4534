import type { PrismaClient } from "@tenantpilot/db";
import { ConfirmationRequired, startOperation, type StartInput } from "@tenantpilot/dispatch-gate";
import type { StartResult } from "@tenantpilot/dispatch-gate/contract";
import { rejectInput } from "../errors";

/** The input field that carries the confirmation of a write to the customer's tenant. */
export const confirmField = "confirmTenant";

/**
 * A start through the gate, for procedures: the gate's four outcomes come back as values; a write
 * to the customer's tenant without its confirmation is bad input on `confirmTenant` (400), whether
 * it is a first start or a retry.
 */
export async function startThroughGate(prisma: PrismaClient, input: StartInput): Promise<StartResult> {
  try {
    return await startOperation(prisma, input);
  } catch (error) {
    if (error instanceof ConfirmationRequired) {
      throw rejectInput(confirmField, `type the tenant's short name (${error.tenantSlug}) to confirm: this writes to the customer's tenant`);
    }
    throw error;
  }
}
