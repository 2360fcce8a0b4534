import type { Db } from "@tenantpilot/db";
import { type RunDiagnosticsInput, isUuid } from "../contract";
import { announce } from "../observation";
import type { ClaimedRun, TransitionRefused } from "./run-transition";
import { currentStatus } from "./run-status";
import { runOperationOf } from "../run-ref";

interface ClaimedRow {
  id: string;
  tenant_id: string;
  operation: string;
  target_kind: string;
  target_id: string;
  scope_key: string;
  initiator_kind: "user" | "system";
  initiator_user_id: string | null;
  provider_connection_id: string | null;
  connection_snapshot: unknown;
  attempt: number;
  max_attempts: number;
}

/**
 * queued → running: the worker claims the run (attempt + 1, started and first heartbeat now).
 * Refused when the run is no longer queued — cancelled while its job waited, already claimed by a
 * retry of the job, or failed by the reaper — in which case the worker does nothing.
 */
export async function startRun(db: Db, runId: string, claim: { workerId: string }): Promise<{ ok: true; run: ClaimedRun } | TransitionRefused> {
  if (!isUuid(runId)) return { ok: false, current: null };
  const worker = JSON.stringify({ worker: { id: claim.workerId } } satisfies RunDiagnosticsInput);
  const rows = await db.$queryRaw<ClaimedRow[]>`
    UPDATE operation_runs
       SET status = 'running', attempt = attempt + 1, started_at = now(), heartbeat_at = now(), updated_at = now(),
           diagnostics = diagnostics || ${worker}::jsonb
     WHERE id = ${runId}::uuid AND status = 'queued'
    RETURNING id, tenant_id, operation, target_kind, target_id, scope_key, initiator_kind, initiator_user_id,
              provider_connection_id, connection_snapshot, attempt, max_attempts`;
  const row = rows[0];
  if (!row) return { ok: false, current: await currentStatus(db, runId) };
  const operation = runOperationOf(row);
  announce({ kind: "run_transition", runId: row.id, tenantId: row.tenant_id, operation, attempt: row.attempt, to: "running", reason: null });
  return {
    ok: true,
    run: {
      id: row.id,
      tenantId: row.tenant_id,
      operation,
      targetKind: row.target_kind,
      targetId: row.target_id,
      scopeKey: row.scope_key,
      initiatorKind: row.initiator_kind,
      initiatorUserId: row.initiator_user_id,
      providerConnectionId: row.provider_connection_id,
      connectionSnapshot: row.connection_snapshot,
      attempt: row.attempt,
      maxAttempts: row.max_attempts,
    },
  };
}
