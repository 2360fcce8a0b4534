import type { Db } from "@tenantpilot/db";
import { isOperationId, type ReasonCode, type RunDiagnosticsInput, isUuid } from "../contract";
import { announce } from "../observation";
import type { RunCounts, TransitionRefused } from "./run-transition";
import { currentStatus } from "./run-status";

// Non-terminal writes to a running run. Each is conditional on `status = 'running'`: a run that
// was finished, cancelled or reaped meanwhile answers { ok: false } and the worker stops working
// on it — it no longer owns the run.

/**
 * Liveness: the reaper fails running runs whose heartbeat is older than its bound. Answers whether
 * a cancellation was requested (cancelRun on a running run), which the worker then honours.
 */
export async function heartbeat(db: Db, runId: string): Promise<{ ok: true; cancellationRequested: boolean } | TransitionRefused> {
  if (!isUuid(runId)) return { ok: false, current: null };
  const rows = await db.$queryRaw<{ cancellation_requested: boolean }[]>`
    UPDATE operation_runs SET heartbeat_at = now()
     WHERE id = ${runId}::uuid AND status = 'running'
    RETURNING (diagnostics ? 'cancellation') AS cancellation_requested`;
  const row = rows[0];
  if (!row) return { ok: false, current: await currentStatus(db, runId) };
  return { ok: true, cancellationRequested: row.cancellation_requested };
}

/** Current summary counts (absolute) while the run works; also a heartbeat. */
export async function recordProgress(
  db: Db,
  runId: string,
  counts: RunCounts,
  diagnostics: RunDiagnosticsInput = {},
): Promise<{ ok: true } | TransitionRefused> {
  if (!isUuid(runId)) return { ok: false, current: null };
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE operation_runs
       SET items_seen = COALESCE(${counts.seen ?? null}::int, items_seen),
           items_changed = COALESCE(${counts.changed ?? null}::int, items_changed),
           items_failed = COALESCE(${counts.failed ?? null}::int, items_failed),
           diagnostics = diagnostics || ${JSON.stringify(diagnostics)}::jsonb,
           heartbeat_at = now(), updated_at = now()
     WHERE id = ${runId}::uuid AND status = 'running'
    RETURNING id`;
  if (rows.length === 0) return { ok: false, current: await currentStatus(db, runId) };
  return { ok: true };
}

export interface RetryRecord {
  /** The reason of the transient failure that is being retried. */
  reason: ReasonCode;
  /** Operator-safe message of that failure (never a secret). */
  message: string;
  /** How long the worker waits before the next attempt. */
  delayMs: number;
}

/**
 * A transient failure is retried inside the same run: the attempt number goes up (visible on the
 * run) and the failure is appended to diagnostics.retries. Refused once the run has used its
 * max_attempts; the caller then fails the run with the failure's reason.
 */
export async function beginRetry(db: Db, runId: string, retry: RetryRecord): Promise<{ ok: true; attempt: number } | TransitionRefused> {
  if (!isUuid(runId)) return { ok: false, current: null };
  const rows = await db.$queryRaw<{ attempt: number; tenant_id: string; operation: string }[]>`
    UPDATE operation_runs
       SET attempt = attempt + 1,
           heartbeat_at = now(),
           updated_at = now(),
           diagnostics = jsonb_set(
             diagnostics, '{retries}',
             COALESCE(diagnostics->'retries', '[]'::jsonb) || jsonb_build_array(jsonb_build_object(
               'attempt', attempt, 'reason', ${retry.reason}::text, 'message', ${retry.message}::text,
               'retryInMs', ${retry.delayMs}::int, 'at', now())))
     WHERE id = ${runId}::uuid AND status = 'running' AND attempt < max_attempts
    RETURNING attempt, tenant_id, operation`;
  const row = rows[0];
  if (!row) return { ok: false, current: await currentStatus(db, runId) };
  if (isOperationId(row.operation)) {
    announce({ kind: "run_transition", runId, tenantId: row.tenant_id, operation: row.operation, attempt: row.attempt, to: "retrying", reason: retry.reason });
  }
  return { ok: true, attempt: row.attempt };
}
