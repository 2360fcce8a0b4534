import type { Db } from "@tenantpilot/db";
import { describe, operationCatalog, parseRunDiagnostics, ReasonCodeSchema, RunStatusSchema } from "@tenantpilot/dispatch-gate/contract";
import { runListSelect, toRunListItem } from "./run-list-item";
import { boundConnection, runReason } from "./run-reason";

export type { RunReason } from "./run-reason";

export interface TimelineEvent {
  at: Date;
  event: string;
  label: string;
}

/** Everything monitoring shows for one run (authorization happened before). */
export async function runDetail(db: Db, runId: string) {
  const row = await db.operationRun.findUniqueOrThrow({
    where: { id: runId },
    select: {
      ...runListSelect,
      providerConnectionId: true,
      connectionSnapshot: true,
      reasonDetail: true,
      attempt: true,
      maxAttempts: true,
      heartbeatAt: true,
      diagnostics: true,
      initiatorUser: { select: { displayName: true } },
      providerConnection: { select: { identityVersion: true, enabled: true, displayName: true } },
    },
  });
  const run = toRunListItem(row);
  const bound = boundConnection(row.connectionSnapshot);
  const reasonCode = ReasonCodeSchema.safeParse(row.reasonCode);
  const reason = runReason(row, row.tenant.slug);
  const audit = await db.auditLogEntry.findMany({
    where: { tenantId: row.tenant.id, targetKind: "operation_run", targetId: row.id },
    select: { createdAt: true, action: true, actorUser: { select: { displayName: true } } },
    orderBy: { createdAt: "asc" },
  });

  return {
    run: { ...run, initiator: { ...run.initiator, displayName: row.initiatorUser?.displayName ?? null } },
    scope: { key: row.scopeKey, label: operationCatalog[run.operation].scope.label },
    connection:
      bound === null
        ? null
        : {
            bound,
            /** The connection changed (secret rotated, client id replaced) or went away since admission. */
            changedSinceAdmission: row.providerConnection === null || row.providerConnection.identityVersion !== bound.identityVersion,
            enabledNow: row.providerConnection?.enabled ?? false,
          },
    reason,
    rawReasonCode: reasonCode.success ? null : row.reasonCode,
    counts: run.counts,
    attempts: { attempt: row.attempt, maxAttempts: row.maxAttempts },
    heartbeatAt: row.heartbeatAt,
    timeline: timeline(row, audit),
    diagnostics: parseRunDiagnostics(row.diagnostics),
  };
}

function timeline(
  row: { createdAt: Date; startedAt: Date | null; finishedAt: Date | null; status: string },
  audit: { createdAt: Date; action: string; actorUser: { displayName: string } | null }[],
): TimelineEvent[] {
  const events: TimelineEvent[] = [{ at: row.createdAt, event: "queued", label: describe({ runStatus: "queued" }) }];
  if (row.startedAt) events.push({ at: row.startedAt, event: "started", label: "Started" });
  for (const entry of audit) {
    const by = entry.actorUser ? ` by ${entry.actorUser.displayName}` : "";
    events.push({ at: entry.createdAt, event: entry.action, label: `${describe({ auditAction: entry.action })}${by}` });
  }
  const status = RunStatusSchema.safeParse(row.status);
  if (row.finishedAt) events.push({ at: row.finishedAt, event: row.status, label: status.success ? describe({ runStatus: status.data }) : row.status });
  // Lifecycle order, not timestamp order: the run's own times and the audit rows' come from
  // different writers, and a cancel's audit row belongs before the end it caused.
  return events;
}
