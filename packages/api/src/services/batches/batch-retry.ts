import { TRPCError } from "@trpc/server";
import type { PrismaClient } from "@tenantpilot/db";
import { tenantVisibleTo } from "@tenantpilot/auth";
import { previewMany, resolveSelection, startMany } from "@tenantpilot/dispatch-gate";
import { BulkOperation, operationCatalog, type BulkStartResult } from "@tenantpilot/dispatch-gate/contract";
import type { PersonActor } from "@tenantpilot/dispatch-gate/contract";
import { authorizeWorkspace } from "../../authorization/optional-workspace";
import { retryCandidates } from "./batch-views";

/**
 * A new batch for the rows of a batch that failed or were blocked (or busy) and are ready now, for
 * the tenants the caller sees. PRECONDITION_FAILED when none is ready: nothing is started.
 */
export async function retryBatch(db: PrismaClient, actor: PersonActor, batchId: string, idempotencyKey: string): Promise<BulkStartResult> {
  const batch = await db.batch.findUniqueOrThrow({ where: { id: batchId }, select: { operation: true, reportKind: true, workspaceId: true } });
  const what = BulkOperation.parse({ operation: batch.operation, ...(batch.reportKind ? { reportKind: batch.reportKind } : {}) });
  await authorizeWorkspace(db, actor.userId, batch.workspaceId, operationCatalog[what.operation].requiredCapability);
  const candidates = await retryCandidates(db, batchId, actor.userId);
  const tenants =
    candidates.length === 0
      ? []
      : await resolveSelection(db, { visible: tenantVisibleTo(actor.userId), workspaceId: batch.workspaceId }, { kind: "tenants", tenants: candidates });
  const preview = await previewMany(db, { ...what, tenants, initiator: actor });
  const ready = preview.items.filter((item) => item.result.outcome === "ready").map((item) => item.tenant);
  if (ready.length === 0) {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: "Nothing to retry: no failed or blocked tenant of this batch is ready now." });
  }
  return startMany(db, {
    workspaceId: batch.workspaceId,
    ...what,
    tenants: ready,
    initiator: actor,
    idempotencyKey,
    selection: { kind: "tenants", tenants: ready.map((tenant) => tenant.id) },
  });
}
