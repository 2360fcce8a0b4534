import { Prisma, type Db } from "@tenantpilot/db";
import { type ReasonCode, type RunDiagnosticsInput, type RunStatus, isUuid } from "../contract";
import { announce } from "../observation";
import { jobKeyFor } from "../scope";
import { inTransaction } from "./in-transaction";
import type { RunCounts, TerminalRun, TransitionRefused } from "./run-transition";
import { currentStatus } from "./run-status";
import { notifyFinishedBatches } from "./batch-notification";
import { terminalNotification } from "./terminal-notification";
import { runOperationOf } from "../run-ref";

export interface TerminalTransition {
  from: readonly RunStatus[];
  to: TerminalRun["status"];
  reasonCode: ReasonCode | null;
  reasonDetail?: string | null;
  counts?: RunCounts;
  /** Merged (shallowly) into the run's diagnostics. Never secrets. */
  diagnostics?: RunDiagnosticsInput;
  /** Further condition on `operation_runs r` the row must meet, re-checked under the row lock. */
  condition?: Prisma.Sql;
  /** Remove the run's graphile-worker job: a queued run must not start later, a lost one not retry. */
  removeJob?: boolean;
  missingPermissions?: readonly string[];
  /** Runs inside the same transaction once the transition has happened (audit rows). */
  after?: (tx: Db, run: MovedRow) => Promise<void>;
}

export interface MovedRow {
  id: string;
  operation: string;
  status: string;
  tenant_id: string;
  workspace_id: string;
  tenant_slug: string;
  tenant_name: string;
  scope_key: string;
  initiator_kind: string;
  initiator_user_id: string | null;
  provider_connection_id: string | null;
  batch_id: string | null;
  items_seen: number;
  items_changed: number;
  items_failed: number;
  attempt: number;
}

/**
 * The one way a run reaches a terminal status. A conditional UPDATE decides (PostgreSQL re-checks
 * the WHERE clause after waiting for a concurrent writer's row lock, so of two racing transitions
 * exactly one matches); the terminal notification (user-initiated runs outside a batch only; a batch
 * is told once, when its last run ends; the partial unique
 * index notifications_one_terminal_per_run backs "exactly one"), the job removal and any audit row
 * commit in the same transaction or not at all.
 */
export async function terminate(db: Db, runId: string, change: TerminalTransition): Promise<{ ok: true; run: TerminalRun } | TransitionRefused> {
  if (!isUuid(runId)) return { ok: false, current: null };
  const result = await transition(db, runId, change);
  if (result.ok) {
    const { run, tenantId, attempt } = result;
    announce({ kind: "run_transition", runId: run.id, tenantId, operation: run.operation, attempt, to: run.status, reason: run.reasonCode });
    return { ok: true, run };
  }
  return result;
}

async function transition(
  db: Db,
  runId: string,
  change: TerminalTransition,
): Promise<{ ok: true; run: TerminalRun; tenantId: string; attempt: number } | TransitionRefused> {
  return inTransaction(db, async (tx) => {
    const counts = change.counts ?? {};
    const diagnostics = JSON.stringify(change.diagnostics ?? {});
    const rows = await tx.$queryRaw<MovedRow[]>`
      UPDATE operation_runs r
         SET status = ${change.to},
             reason_code = ${change.reasonCode},
             reason_detail = ${change.reasonDetail ?? null},
             items_seen = COALESCE(${counts.seen ?? null}::int, r.items_seen),
             items_changed = COALESCE(${counts.changed ?? null}::int, r.items_changed),
             items_failed = COALESCE(${counts.failed ?? null}::int, r.items_failed),
             diagnostics = r.diagnostics || ${diagnostics}::jsonb,
             finished_at = now(),
             updated_at = now()
        FROM tenants t
       WHERE r.id = ${runId}::uuid
         AND t.id = r.tenant_id
         AND r.status IN (${Prisma.join([...change.from])})
         ${change.condition === undefined ? Prisma.empty : Prisma.sql`AND ${change.condition}`}
      RETURNING r.id, r.operation, r.status, r.tenant_id, t.workspace_id, t.slug AS tenant_slug,
                t.display_name AS tenant_name, r.scope_key, r.initiator_kind, r.initiator_user_id,
                r.provider_connection_id, r.batch_id, r.items_seen, r.items_changed, r.items_failed, r.attempt`;
    const row = rows[0];
    if (!row) return { ok: false, current: await currentStatus(tx, runId) };
    const operation = runOperationOf(row);

    if (change.removeJob) {
      // A job no worker holds is deleted; a locked one (a dead worker's) loses its key and is
      // marked out of attempts, so it is not retried when its stale lock expires hours later.
      await tx.$queryRaw`SELECT id FROM graphile_worker.remove_job(${jobKeyFor(row.tenant_id, row.scope_key)})`;
    }

    let notified = false;
    // A batch's runs are told once, in the batch's own notification when its last run ends.
    if (row.initiator_kind === "user" && row.initiator_user_id !== null && row.batch_id === null) {
      const { title, body } = terminalNotification({
        runId: row.id,
        operation,
        status: change.to,
        tenantName: row.tenant_name,
        tenantSlug: row.tenant_slug,
        connectionId: row.provider_connection_id,
        reasonCode: change.reasonCode,
        ...(change.missingPermissions === undefined ? {} : { missingPermissions: change.missingPermissions }),
        counts: { seen: row.items_seen, changed: row.items_changed, failed: row.items_failed },
      });
      await tx.$executeRaw`
        INSERT INTO notifications (user_id, workspace_id, tenant_id, run_id, kind, title, body)
        VALUES (${row.initiator_user_id}::uuid, ${row.workspace_id}::uuid, ${row.tenant_id}::uuid, ${row.id}::uuid,
                'run.terminal', ${title}, ${body})`;
      notified = true;
    }

    await notifyFinishedBatches(tx, { runId: row.id });
    await change.after?.(tx, row);
    return {
      ok: true,
      run: { id: row.id, operation, status: change.to, reasonCode: change.reasonCode, notified },
      tenantId: row.tenant_id,
      attempt: row.attempt,
    };
  });
}
