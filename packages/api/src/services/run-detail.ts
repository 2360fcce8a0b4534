import type { Db } from "@tenantpilot/db";
import { describe, describeAuditEntry, operationCatalog, parseRunDiagnostics, ReasonCodeSchema, type AuditEntryView } from "@tenantpilot/dispatch-gate/contract";
import { auditEntrySelect, toAuditEntryView } from "./audit-view";
import { runListSelect, toRunListItem, type RunListItem } from "./run-list-item";
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
    select: auditEntrySelect,
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
    timeline: timeline(run, audit.map(toAuditEntryView), row.tenant.slug),
    diagnostics: parseRunDiagnostics(row.diagnostics),
  };
}

function timeline(
  run: Pick<RunListItem, "id" | "status" | "createdAt" | "startedAt" | "finishedAt">,
  audit: (AuditEntryView & { createdAt: Date })[],
  tenantSlug: string,
): TimelineEvent[] {
  const events: TimelineEvent[] = [{ at: run.createdAt, event: "queued", label: describe({ runStatus: "queued" }) }];
  if (run.startedAt) events.push({ at: run.startedAt, event: "started", label: "Started" });
  for (const entry of audit) {
    events.push({ at: entry.createdAt, event: entry.action, label: describeAuditEntry(entry, { tenantSlug, runId: run.id }).summary });
  }
  if (run.finishedAt) events.push({ at: run.finishedAt, event: run.status, label: describe({ runStatus: run.status }) });
  // Lifecycle order, not timestamp order: the run's own times and the audit rows' come from
  // different writers, and a cancel's audit row belongs before the end it caused.
  return events;
}
