import { Prisma, type PrismaClient } from "@tenantpilot/db";
import { describeReason, operationCatalog, type RunRef } from "@tenantpilot/dispatch-gate/contract";
import { jobKeyFor, toRunRef } from "@tenantpilot/dispatch-gate";
import type { Actor } from "../authorization/authed";
import { recordAudit } from "./audit-entry";

export type CancelResult =
  | { cancelled: true; run: RunRef }
  /** Only a queued run can be cancelled: once a worker runs it, it finishes (or fails) by itself. */
  | { cancelled: false; run: RunRef; reason: "not_queued" };

interface CancelledRow {
  id: string;
  operation: string;
  status: string;
  tenant_id: string;
  workspace_id: string;
  tenant_slug: string;
  scope_key: string;
  initiator_user_id: string | null;
}

/**
 * Cancels a queued run. Stop-gap until the gate's run-transition service exists
 * (packages/dispatch-gate/src/lifecycle): then this should call it instead.
 *
 * One transaction: the conditional UPDATE … WHERE status = 'queued' decides (a worker that
 * claims the run concurrently makes it match nothing), the run's graphile-worker job is removed
 * (graphile_worker.remove_job by its job key; a job a worker already locked is stopped from
 * retrying), the initiator gets the run's single terminal notification, and the audit log
 * records who cancelled it. Cancelling frees the scope at once (the run leaves the active set).
 */
export async function cancelQueuedRun(prisma: PrismaClient, actor: Actor, runId: string): Promise<CancelResult> {
  return prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<CancelledRow[]>(Prisma.sql`
      UPDATE operation_runs r
         SET status = 'cancelled', finished_at = now(), updated_at = now(), reason_code = 'run_cancelled'
        FROM tenants t
       WHERE r.id = ${runId}::uuid AND r.status = 'queued' AND t.id = r.tenant_id
      RETURNING r.id, r.operation, r.status, r.tenant_id, t.workspace_id, t.slug AS tenant_slug, r.scope_key, r.initiator_user_id`);
    if (!row) {
      const current = await tx.operationRun.findUniqueOrThrow({ where: { id: runId }, select: { id: true, operation: true, status: true } });
      return { cancelled: false, run: toRunRef(current), reason: "not_queued" };
    }
    const run = toRunRef(row);

    await tx.$executeRaw(Prisma.sql`SELECT graphile_worker.remove_job(${jobKeyFor(row.tenant_id, row.scope_key)})`);

    if (row.initiator_user_id !== null) {
      const { message } = describeReason("run_cancelled", { tenantSlug: row.tenant_slug, runId: row.id });
      await tx.$executeRaw(Prisma.sql`
        INSERT INTO notifications (user_id, workspace_id, tenant_id, run_id, kind, title, body)
        VALUES (${row.initiator_user_id}::uuid, ${row.workspace_id}::uuid, ${row.tenant_id}::uuid, ${row.id}::uuid,
                'run.terminal', ${`${operationCatalog[run.operation].label}: cancelled`}, ${message})
        ON CONFLICT (run_id) WHERE kind = 'run.terminal' DO NOTHING`);
    }

    await recordAudit(tx, {
      workspaceId: row.workspace_id,
      tenantId: row.tenant_id,
      actor,
      action: "run.cancelled",
      targetKind: "operation_run",
      targetId: row.id,
      details: { operation: row.operation },
    });
    return { cancelled: true, run };
  });
}
