import type { Db } from "@tenantpilot/db";
import { type Actor, type RunDiagnosticsInput, type RunRef, isUuid } from "../contract";
import { recordAudit } from "../audit";
import { runOperationOf, toRunRef } from "../run-ref";
import { inTransaction } from "./in-transaction";
import type { TransitionRefused } from "./run-transition";
import { currentStatus } from "./run-status";
import { terminate } from "./terminal-transition";

export type CancelRunResult =
  /** It was queued: now cancelled, its job removed, the scope free, the initiator notified. */
  | { ok: true; outcome: "cancelled"; run: RunRef }
  /**
   * It is running: the request is recorded (diagnostics.cancellation) and the worker stops at its
   * next heartbeat, ending the run as cancelled with what it did so far. Asking twice is harmless.
   */
  | { ok: true; outcome: "cancellation_requested"; run: RunRef }
  /** Already finished (or no such run): nothing to cancel. */
  | TransitionRefused;

type CancellationRecord = NonNullable<RunDiagnosticsInput["cancellation"]>;

interface LockedRow {
  id: string;
  operation: string;
  status: string;
  tenant_id: string;
  workspace_id: string;
  requested: boolean;
}

/**
 * Cancels a run on behalf of `by`, who is recorded in the audit log (this service writes the
 * audit row; callers must not add their own). Authorization is the caller's job.
 */
export async function cancelRun(db: Db, runId: string, options: { by: Actor }): Promise<CancelRunResult> {
  if (!isUuid(runId)) return { ok: false, current: null };
  const by: CancellationRecord["by"] = options.by.kind === "system" ? { kind: "system" } : { kind: options.by.kind, userId: options.by.userId };
  const request = { by };

  return inTransaction(db, async (tx) => {
    const cancelled = await terminate(tx, runId, {
      from: ["queued"],
      to: "cancelled",
      reasonCode: "run_cancelled",
      diagnostics: { cancellation: { ...request, at: new Date().toISOString() } },
      removeJob: true,
      after: (inner, row) => cancellationAudit(inner, "run.cancelled", options.by, { id: row.id, operation: row.operation, tenantId: row.tenant_id, workspaceId: row.workspace_id }),
    });
    if (cancelled.ok) return { ok: true, outcome: "cancelled", run: toRunRef(cancelled.run) };
    if (cancelled.current !== "running") return cancelled;

    // Running: record the request once, under the row lock (the first requester is the one audited).
    const rows = await tx.$queryRaw<LockedRow[]>`
      SELECT r.id, r.operation, r.status, r.tenant_id, t.workspace_id, (r.diagnostics ? 'cancellation') AS requested
        FROM operation_runs r JOIN tenants t ON t.id = r.tenant_id
       WHERE r.id = ${runId}::uuid
         FOR UPDATE OF r`;
    const row = rows[0];
    if (!row || row.status !== "running") return { ok: false, current: await currentStatus(tx, runId) };
    if (!row.requested) {
      await tx.$executeRaw`
        UPDATE operation_runs
           SET diagnostics = diagnostics || jsonb_build_object('cancellation', ${JSON.stringify(request)}::jsonb || jsonb_build_object('at', now())),
               updated_at = now()
         WHERE id = ${runId}::uuid`;
      await cancellationAudit(tx, "run.cancellation_requested", options.by, { id: row.id, operation: row.operation, tenantId: row.tenant_id, workspaceId: row.workspace_id });
    }
    return { ok: true, outcome: "cancellation_requested", run: toRunRef(row) };
  });
}

function cancellationAudit(
  db: Db,
  action: "run.cancelled" | "run.cancellation_requested",
  actor: Actor,
  run: { id: string; operation: string; tenantId: string; workspaceId: string },
): Promise<void> {
  const row = { actor, workspaceId: run.workspaceId, tenantId: run.tenantId, operation: runOperationOf(run), targetId: run.id };
  return recordAudit(db, action === "run.cancelled" ? { action, ...row } : { action, ...row });
}
