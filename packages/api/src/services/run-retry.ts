import type { PrismaClient } from "@tenantpilot/db";
import { RestoreSelection, TargetKindSchema, type Actor, type OperationId, type StartResult } from "@tenantpilot/dispatch-gate/contract";
import { startThroughGate } from "./gate-start";

const RETRIABLE = ["failed", "cancelled"];

export type RetryResult = { retried: true; result: StartResult } | { retried: false; status: string };

/**
 * A failed or cancelled run, started again: same operation, same target and selection, through the
 * gate — so the answer is a fresh StartResult (it may be blocked now, or deduped onto newer work),
 * and a restore needs its confirmation again.
 */
export async function retryRun(
  prisma: PrismaClient,
  actor: Actor,
  run: { id: string; operation: OperationId },
  confirmTenant?: string,
): Promise<RetryResult> {
  const previous = await prisma.operationRun.findUniqueOrThrow({
    where: { id: run.id },
    select: { tenantId: true, status: true, targetKind: true, targetId: true, selection: true },
  });
  if (!RETRIABLE.includes(previous.status)) return { retried: false, status: previous.status };
  const selection = previous.selection === null ? undefined : RestoreSelection.parse(previous.selection);
  const result = await startThroughGate(prisma, {
    tenantId: previous.tenantId,
    operation: run.operation,
    target: { kind: TargetKindSchema.parse(previous.targetKind), id: previous.targetId },
    initiator: actor,
    ...(confirmTenant === undefined ? {} : { confirmTenant }),
    ...(selection === undefined ? {} : { selection }),
  });
  return { retried: true, result };
}
